package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python unit tests of the local AWS's modules ({@code src/test/python}: the IAM evaluator, the resource ARNs
 * it checks, custom-auth sessions, DynamoDB's answers) with the machine's Python.
 */
class LocalAwsPythonTest {
    @Test
    void theModulesUnitTestsPass() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(System.getenv().getOrDefault("LOCAL_AWS_PYTHON", "python3"), "-m",
                "unittest", "discover", "-v", "-s", "src/test/python").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("test_an_explicit_deny_wins_over_any_allow .*\\.\\.\\. ok")
                .containsPattern("test_each_item_operation_answers_what_motos_serializer_answers .*\\.\\.\\. ok")
                .containsPattern("test_a_session_lasts_three_minutes_unless_the_client_says_otherwise .*\\.\\.\\. ok")
                .containsPattern("Ran \\d+ tests");
    }
}
