package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.CdkCli;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.outputs.JsonText;
import dev.gen2.cli.Gen2Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The developer loop's commands against the local AWS, run as a user runs them (the sample project, its cdk.json):
 * {@code sandbox --once} refused before the bootstrap, then deploying and writing outputs the sign-up story works
 * on; {@code sandbox delete --yes} leaving nothing; {@code pipeline-deploy} of two branches, and refused outside CI;
 * no credentials as one line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxAndPipelineIT {
    private static final String IDENTIFIER = "ittest";
    private static final BackendId SANDBOX = new BackendId("gen2sample", IDENTIFIER, DeploymentType.SANDBOX);
    /** What the CDK CLI prints that a deploy no longer shows (it goes to the CLI's log file). */
    static final List<String> RAW_CLI_NOISE = List.of("NodeVersionSupportWarning", "non-hotswappable",
            "deliberately introduce CloudFormation drift", "Publishing", "Building", "creating CloudFormation changeset",
            "Outputs:", "Stack ARN", "Total time", "✨", "✅");
    private static LocalAws aws;
    private static LocalAwsApi api;
    private static Path work;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        work = Files.createDirectories(Path.of("target", "it", "loop-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        aws = LocalAws.start();
        api = new LocalAwsApi(aws);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    @Order(1)
    void sandboxBeforeTheBootstrapSaysHowToBootstrap() {
        Run run = gen2("sandbox", "--once", "--identifier", IDENTIFIER);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: bootstrap: This account and region has no CDK bootstrap")
                .contains("Fix: run `npx --yes aws-cdk@2.1148.1 bootstrap aws://<account>/<region>`");
        assertThat(api.liveStacks()).isEmpty();
    }

    @Test
    @Order(2)
    void sandboxOnceDeploysTheNamedStackAndWritesOutputsTheStoryWorksOn() throws Exception {
        Path assembly = SampleAssembly.synth(work.resolve("bootstrap"), "boot", DeploymentType.SANDBOX, "");
        new LocalCli(aws).bootstrap(assembly);
        Path outputs = work.resolve("sandbox-outputs");
        long start = System.nanoTime();
        Run run = gen2("sandbox", "--once", "--identifier", IDENTIFIER, "--outputs-out-dir", outputs.toString());
        System.out.printf("sandbox --once (first deploy): %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[gen2] sandbox ittest: stack " + SANDBOX.stackName())
                .containsPattern("\\[gen2\\] synth: \\d+\\.\\d\\d s").containsPattern("\\[gen2\\] deploy: \\d+\\.\\d s")
                .contains("[gen2] outputs: " + outputs.resolve("amplify_outputs.json"))
                .containsPattern("\\[gen2\\] stack " + SANDBOX.stackName() + ": created \\(\\d+\\.\\d s\\)\n")
                .contains("[gen2] the CDK CLI's output goes to " + Path.of("target", "gen2-sandbox",
                        SANDBOX.stackName(), "cdk.log"));
        assertThat(run.out().lines()).as("the compact progress, not the CDK CLI's log:\n" + run.out())
                .noneMatch(line -> RAW_CLI_NOISE.stream().anyMatch(line::contains))
                .hasSizeLessThan(15);
        assertThat(Path.of("target", "gen2-sandbox", SANDBOX.stackName(), "cdk.log")).content()
                .as("the CDK CLI's whole output, in its log").contains("Publishing", "Outputs:");
        assertThat(api.liveStacks()).contains(SANDBOX.stackName());
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) JsonText.parseObject(Files.readString(
                outputs.resolve("amplify_outputs.json"))).get("auth");
        assertThat(api.userPoolIds()).containsExactly(auth.get("user_pool_id").toString());
        NodeStory.run(aws, "story-v6.test.mjs", "loop@example.com",
                Map.of("AMPLIFY_OUTPUTS", outputs.resolve("amplify_outputs.json")));
    }

    @Test
    @Order(3)
    void aSecondSandboxRunRedeploysTheSameStack() {
        long start = System.nanoTime();
        Run run = gen2("sandbox", "--once", "--identifier", IDENTIFIER, "--outputs-out-dir",
                work.resolve("sandbox-outputs").toString());
        System.out.printf("sandbox --once (redeploy, no change): %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("\\[gen2\\] stack " + SANDBOX.stackName() + ": unchanged \\(");
        assertThat(run.out().lines()).noneMatch(line -> RAW_CLI_NOISE.stream().anyMatch(line::contains));
        assertThat(api.userEmails(api.userPoolIds().get(0))).contains("loop@example.com");
    }

    @Test
    @Order(4)
    void sandboxDeleteLeavesNothing() {
        Path outputs = work.resolve("sandbox-outputs");
        Run run = gen2("sandbox", "delete", "--yes", "--identifier", IDENTIFIER, "--outputs-out-dir",
                outputs.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[gen2] sandbox ittest deleted.")
                .containsPattern("\\[gen2\\] stack " + SANDBOX.stackName() + ": destroyed \\(");
        assertThat(run.out().lines()).noneMatch(line -> RAW_CLI_NOISE.stream().anyMatch(line::contains));
        assertThat(api.liveStacks()).isEmpty();
        assertThat(api.userPoolIds()).isEmpty();
        assertThat(api.tables()).isEmpty();
        assertThat(outputs.resolve("amplify_outputs.json")).doesNotExist();
    }

    @Test
    @Order(5)
    void pipelineDeployOfTwoBranchesGivesTwoStacksAndTwoOutputsFiles() throws Exception {
        for (String branch : List.of("main", "feature-x")) {
            CdkCli.Result result = gen2InCi(true, "pipeline-deploy", "--app-id", "app1", "--branch", branch,
                    "--outputs-out-dir", work.resolve("branch-" + branch).toString());
            System.out.printf("pipeline-deploy %s: %.1f s%n", branch, result.took().toMillis() / 1000.0);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).containsPattern("\\[gen2\\] stack " + new BackendId("app1", branch,
                    DeploymentType.BRANCH).stackName() + ": created \\(");
            assertThat(result.output().lines()).noneMatch(line -> RAW_CLI_NOISE.stream().anyMatch(line::contains));
        }
        String main = new BackendId("app1", "main", DeploymentType.BRANCH).stackName();
        String feature = new BackendId("app1", "feature-x", DeploymentType.BRANCH).stackName();
        assertThat(api.liveStacks()).contains(main, feature);
        Object mainPool = ((Map<?, ?>) JsonText.parseObject(Files.readString(work.resolve(
                "branch-main/amplify_outputs.json"))).get("auth")).get("user_pool_id");
        Object featurePool = ((Map<?, ?>) JsonText.parseObject(Files.readString(work.resolve(
                "branch-feature-x/amplify_outputs.json"))).get("auth")).get("user_pool_id");
        assertThat(mainPool).isNotEqualTo(featurePool);
    }

    @Test
    @Order(6)
    void pipelineDeployRefusesToRunOutsideCi() throws Exception {
        CdkCli.Result result = gen2InCi(false, "pipeline-deploy", "--app-id", "app1", "--branch", "main");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("error: pipeline-deploy: It looks like this command is being run outside"
                + " of a CI/CD workflow");
    }

    @Test
    @Order(7)
    void sandboxWithoutCredentialsSaysWhatToSet() throws Exception {
        Path home = Files.createDirectories(work.resolve("empty-home"));
        List<String> command = CdkCli.gen2Command(List.of("sandbox", "--once", "--identifier", IDENTIFIER,
                "--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString()));
        CdkCli.Result result = CdkCli.Processes.run(Path.of("."), command, Map.of("HOME", home.toString(),
                "AWS_CONFIG_FILE", home.resolve("config").toString(), "AWS_SHARED_CREDENTIALS_FILE",
                home.resolve("credentials").toString(), "AWS_EC2_METADATA_DISABLED", "true"), Duration.ofMinutes(2),
                name -> name.startsWith("AWS_"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("error: AWS configuration: No AWS credentials were found. Fix: pass"
                + " --profile").doesNotContain("\tat ");
    }

    private static Run gen2(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The command in a JVM of its own, with or without the CI variable, as a CI job runs it. */
    private static CdkCli.Result gen2InCi(boolean ci, String... args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString()));
        List<String> command = CdkCli.gen2Command(arguments);
        return CdkCli.Processes.run(Path.of("."), command, ci ? Map.of("CI", "true") : Map.of(),
                Duration.ofMinutes(5), name -> name.equals("CI"));
    }
}
