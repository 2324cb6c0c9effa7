package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.CdkCli;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.LocalSandboxState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code gen2 sandbox --local}: with no AWS account, it starts the local AWS, deploys the sample there, writes
 * {@code amplify_outputs.json}, prints the lines a frontend adds, and the sign-up story works on it; a second sandbox
 * of the project is refused while it runs, naming it; stopping the command stops the server and removes the outputs
 * file that named it; {@code sandbox delete} afterwards asks nothing of AWS.
 */
class SandboxLocalIT {
    private static final BackendId LOCALDEMO = new BackendId("gen2sample", "localdemo", DeploymentType.SANDBOX);
    private static final Pattern SERVER = Pattern.compile(
            "\\[gen2\\] local AWS on (http://localhost:\\d+) \\(pid (\\d+)\\).*");

    @Test
    void aFrontendDeveloperGetsABackendWithNoAccount() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "it", "local-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        Path outputs = out.resolve("amplify_outputs.json");
        SandboxProcess sandbox = SandboxProcess.start(SampleAssembly.PROJECT, List.of("--local", "--once",
                "--identifier", "localdemo", "--outputs-out-dir", out.toString(), "--reset")); // a clean start

        URI endpoint;
        long serverPid;
        SoftAssertions softly = new SoftAssertions(); // each defect reported, not only the first
        try {
            sandbox.awaitCount(line -> line.startsWith("[gen2] serving the local AWS"), 1,
                    Duration.ofMinutes(4), "the local deploy");
            Matcher server = sandbox.lines().stream().map(SERVER::matcher).filter(Matcher::matches).findFirst()
                    .orElseThrow();
            endpoint = URI.create(server.group(1).replace("localhost", "127.0.0.1"));
            serverPid = Long.parseLong(server.group(2));
            assertThat(sandbox.lines()).anyMatch(line -> line.contains("userPoolEndpoint: '" + endpoint + "'"));
            softly.assertThat(sandbox.lines()).as("the endpoint, on a line of its own, for the AWS CLI and the SDKs")
                    .contains("AWS_ENDPOINT_URL=" + server.group(1));
            softly.assertThat(sandbox.lines()).as("the inbox's address, on a line of its own")
                    .contains("INBOX_URL=" + server.group(1) + LocalAws.INBOX_PATH);
            softly.assertThat(sandbox.count(line -> line.startsWith("[gen2] every confirmation code is 123456")))
                    .as("the frontend's lines, once").isEqualTo(1);
            assertThat(outputs).exists();
            NodeStory.run(endpoint, "story-v6.test.mjs", "local@example.com", Map.of("AMPLIFY_OUTPUTS", outputs));
            softly.assertThat(sandbox.lines()).as("the sign-up code, announced in the sandbox's terminal")
                    .contains("[inbox] sign-up code 123456 to local@example.com");

            String written = Files.readString(outputs);
            CdkCli.Result second = gen2(List.of("sandbox", "--local", "--once", "--identifier", "other",
                    "--outputs-out-dir", out.toString()), Map.of());
            softly.assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
            softly.assertThat(second.output()).as("the second sandbox of the project is refused, naming the first")
                    .contains("error: sandbox: Another sandbox of this project is running: sandbox 'localdemo' (pid "
                            + sandbox.pid() + ", --local), writing " + outputs + ".")
                    .doesNotContain("local AWS on").doesNotContain("\tat ");
            softly.assertThat(Files.readString(outputs)).as("the first one's outputs file, untouched")
                    .isEqualTo(written);
        } finally {
            sandbox.close();
        }
        assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the local AWS stops with the command").isFalse();
        softly.assertThat(outputs).as("the outputs file named the stopped local AWS: removed").doesNotExist();
        softly.assertThat(sandbox.lines()).contains("[gen2] removed " + outputs + ": it named the local AWS, which has"
                + " stopped.");

        softly.assertThat(sandbox.lines()).as("stopping keeps the state").anyMatch(line -> line.startsWith(
                "[gen2] stopped the local AWS; what it held is kept in "));
        assertThat(LocalSandboxState.directory(SampleAssembly.PROJECT, LOCALDEMO).resolve("state.pickle")).exists();
        startAgainAndSignIn(out, outputs, List.of(), "kept");
        startAgainAndSignIn(out, outputs, List.of("--reset"), "gone");

        Path home = Files.createDirectories(out.resolve("empty-home"));
        CdkCli.Result delete = gen2(List.of("sandbox", "delete", "--yes", "--identifier", "localdemo",
                "--outputs-out-dir", out.toString()), Map.of("HOME", home.toString(), "AWS_CONFIG_FILE",
                home.resolve("config").toString(), "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials")
                .toString(), "AWS_EC2_METADATA_DISABLED", "true"));
        softly.assertThat(delete.exitCode()).as(delete.output()).isZero();
        softly.assertThat(delete.output()).as("no AWS credentials needed to delete a local sandbox")
                .contains("[gen2] sandbox localdemo last ran on the local AWS (--local): nothing of it is deployed,"
                        + " so nothing is deleted on AWS.")
                .doesNotContainIgnoringCase("credentials").doesNotContain("error:");
        softly.assertAll();
    }

    /** {@code gen2 ARGS} in a JVM of its own in the sample project, without the AWS variables the test JVM has. */
    private static CdkCli.Result gen2(List<String> arguments, Map<String, String> environment) throws Exception {
        return CdkCli.Processes.run(SampleAssembly.PROJECT, CdkCli.gen2Command(arguments), environment,
                Duration.ofMinutes(3), name -> name.startsWith("AWS_"));
    }

    /**
     * {@code sandbox --local} started again ({@code extra}: more options): it deploys over the kept state, and the
     * story's user signs in ({@code kept}) or is unknown ({@code gone}).
     */
    private static void startAgainAndSignIn(Path out, Path outputs, List<String> extra, String expectUser)
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--local", "--once", "--identifier", "localdemo",
                "--outputs-out-dir", out.toString()));
        arguments.addAll(extra);
        SandboxProcess again = SandboxProcess.start(SampleAssembly.PROJECT, arguments);
        try {
            again.awaitCount(line -> line.startsWith("[gen2] serving the local AWS"), 1, Duration.ofMinutes(4),
                    "the local deploy " + arguments);
            NodeStory.run(URI.create("http://127.0.0.1:" + LocalAws.SANDBOX_PORT), "returning-user.test.mjs",
                    "local@example.com", Map.of("AMPLIFY_OUTPUTS", outputs), Map.of("EXPECT_USER", expectUser));
        } finally {
            again.close();
        }
    }
}
