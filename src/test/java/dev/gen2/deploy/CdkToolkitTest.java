package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDK toolkit's terminal output, with a stand-in for the CDK CLI that prints what the real one prints: the
 * CLI's lines go to the log file, the terminal gets one line per stack and the step's time; a failure shows the
 * log's last lines and names the log; the AWS SDK's Node.js warning is one line.
 */
class CdkToolkitTest {
    private static final String STACK = "amplify-gen2sample-ada-sandbox-0123456789";
    private static final String NODE_WARNING = """
            (node:5759) Warning: NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)
            versions published after the first week of January 2027
            will require node >=22. You are running node v20.20.2.

            To continue receiving updates to AWS services, bug fixes,
            and security updates please upgrade to node >=22.

            More information can be found at: https://a.co/c895JFp
            (Use `node --trace-warnings ...` to show where the warning was created)
            """;

    @TempDir
    Path directory;

    private final List<String> printed = new ArrayList<>();

    @Test
    void aDeployPrintsOneLinePerStackAndLogsTheRest() throws IOException {
        String transcript = NODE_WARNING + """

                ⚠️ The --hotswap and --hotswap-fallback flags deliberately introduce CloudFormation drift to speed up deployments
                %1$s: start: Publishing auth Nested Stack Template (current_account-current_region-2633d8a1)
                %1$s: deploying... [1/1]
                ⚠️ The following non-hotswappable changes were found:
                    output: userPoolId, reason: output was changed
                Falling back to doing a full deployment
                %1$s: creating CloudFormation changeset...
                %1$s | 0/6 | 5:58:30 PM | CREATE_IN_PROGRESS      | AWS::CloudFormation::Stack | %1$s User Initiated

                 ✅  %1$s

                Outputs:
                %1$s.userPoolId = us-east-1_930b3f0caef24ab594416049dea19cae
                """.formatted(STACK);
        CdkToolkit toolkit = toolkit(transcript, 0);

        List<StackResult> stacks = toolkit.deploy(directory.resolve("cdk.out"), CdkToolkit.Method.HOTSWAP_FALLBACK,
                directory.resolve("cdk-outputs.json"));

        assertThat(stacks).extracting(StackResult::stack, StackResult::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(STACK, StackResult.Outcome.CREATED));
        assertThat(printed).hasSize(4);
        assertThat(printed.get(0)).isEqualTo("[gen2] the CDK CLI's output goes to " + toolkit.log()
                + " (its latest run, in full)");
        assertThat(printed.get(1)).matches("\\[gen2\\] stack " + STACK + ": created \\(\\d+\\.\\d s\\)");
        assertThat(printed.get(2)).isEqualTo("[gen2] the CDK CLI runs on Node.js v20.20.2; the AWS SDK for JavaScript"
                + " in it needs Node.js 22 or later from January 2027: install Node.js 22 LTS.");
        assertThat(printed.get(3)).matches("\\[gen2\\] deploy: \\d+\\.\\d s");
        assertThat(Files.readString(toolkit.log(), StandardCharsets.UTF_8)).startsWith("$ cdk deploy --app ")
                .contains(transcript);
    }

    @Test
    void theLogAndTheNodeVersionAreNamedOncePerToolkit() throws IOException {
        CdkToolkit toolkit = toolkit(NODE_WARNING + "%1$s: deploying... [1/1]\n ✅  %1$s (no changes)\n"
                .formatted(STACK), 0);
        toolkit.deploy(directory.resolve("cdk.out"), CdkToolkit.Method.HOTSWAP_FALLBACK, directory.resolve("o.json"));
        printed.clear();
        toolkit.deploy(directory.resolve("cdk.out"), CdkToolkit.Method.HOTSWAP_FALLBACK, directory.resolve("o.json"));
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0)).matches("\\[gen2\\] stack " + STACK + ": unchanged \\(\\d+\\.\\d s\\)");
        assertThat(printed.get(1)).startsWith("[gen2] deploy: ");
    }

    @Test
    void aFailureShowsTheLogsLastLinesAndNamesTheLog() throws IOException {
        String progress = IntStream.rangeClosed(1, 30).mapToObj(i -> STACK + " | " + i + "/40 | 6:00:0" + (i % 10)
                + " PM | CREATE_IN_PROGRESS | AWS::IAM::Role | role" + i).collect(Collectors.joining("\n"));
        CdkToolkit toolkit = toolkit(STACK + ": deploying... [1/1]\n" + progress + "\n\n ❌  " + STACK
                + " failed: ValidationError: Template format error: Unresolved resource dependencies [Nope]\n", 1);

        assertThatThrownBy(() -> toolkit.deploy(directory.resolve("cdk.out"), CdkToolkit.Method.DIRECT,
                directory.resolve("o.json")))
                .isInstanceOf(DeployFailure.class)
                .hasMessage("cdk deploy: " + STACK + " failed: ValidationError: Template format error: Unresolved"
                        + " resource dependencies [Nope] Fix: see the CDK CLI's output in " + toolkit.log()
                        + " (its last lines are above).");

        assertThat(printed.get(1)).isEqualTo("[gen2] the CDK CLI failed; the last lines of " + toolkit.log() + ":");
        List<String> tail = printed.subList(2, printed.size());
        assertThat(tail).hasSize(DeployProgress.FAILURE_TAIL_LINES).allMatch(line -> line.startsWith("  "));
        assertThat(tail.get(tail.size() - 1)).isEqualTo("   ❌  " + STACK + " failed: ValidationError: Template"
                + " format error: Unresolved resource dependencies [Nope]");
        assertThat(tail.get(0)).endsWith("role12");
        assertThat(printed).noneMatch(line -> line.startsWith("[gen2] deploy: "));
    }

    /** A toolkit whose "CDK CLI" prints {@code transcript} and exits with {@code exitCode}. */
    private CdkToolkit toolkit(String transcript, int exitCode) throws IOException {
        Path output = Files.writeString(directory.resolve("transcript.txt"), transcript, StandardCharsets.UTF_8);
        Path cli = Files.writeString(directory.resolve("fake-cdk.sh"), "cat \"$TRANSCRIPT\"\nexit \"$EXIT_CODE\"\n");
        return new CdkToolkit(directory, Map.of("TRANSCRIPT", output.toString(), "EXIT_CODE",
                String.valueOf(exitCode)), directory.resolve("work").resolve("cdk.log"),
                new DeployProgress(printed::add), List.of("bash", cli.toString()));
    }
}
