package dev.gen2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.deploy.SandboxLock;
import dev.gen2.localaws.LocalAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code gen2 sandbox schedules} in-process: it finds the running sandbox through the project's lock (held here by
 * the test, as a local sandbox holds it) and reads a local AWS the test starts. Firing a schedule's function is
 * tested in {@code LocalAwsFunctionsTest}.
 */
class SandboxSchedulesCommandTest {
    private static LocalAws localAws;
    private static final URI SANDBOX_ENDPOINT = SandboxSchedulesCommand.endpoint;

    private record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void startLocalAws() throws Exception {
        localAws = LocalAws.start();
        SandboxSchedulesCommand.endpoint = localAws.endpoint();
    }

    @AfterAll
    static void stopLocalAws() {
        SandboxSchedulesCommand.endpoint = SANDBOX_ENDPOINT;
        if (localAws != null) {
            localAws.close();
        }
    }

    private static Result gen2(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static SandboxLock lock(boolean local) {
        return SandboxLock.acquire(Path.of(""), new SandboxLock.Holder(ProcessHandle.current().pid(), "schedules",
                local, "amplify_outputs.json"));
    }

    @Test
    void withoutARunningSandboxItSaysHowToStartOne() {
        Result result = gen2("sandbox", "schedules");
        assertThat(result.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(result.err()).contains("No sandbox of this project is running.")
                .contains("gen2 sandbox --local").doesNotContain("Exception");
    }

    @Test
    void aSandboxOnAwsIsRefused() {
        try (SandboxLock ignored = lock(false)) {
            Result result = gen2("sandbox", "schedules");
            assertThat(result.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
            assertThat(result.err()).contains("deploys to AWS, where EventBridge Scheduler fires the schedules");
        }
    }

    @Test
    void theLocalSandboxsSchedulesAreListedAndAnUnknownOneIsNamed() {
        try (SandboxLock ignored = lock(true)) {
            Result listed = gen2("sandbox", "schedules");
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("The local sandbox has no schedules.");

            Result run = gen2("sandbox", "schedules", "--run", "nightly");
            assertThat(run.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
            assertThat(run.err()).contains("No schedule named 'nightly'. Schedules: none.")
                    .doesNotContain("Exception");
        }
    }
}
