package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.DeploymentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code gen2 sandbox} in watch mode, on a copy of the sample project, against the local AWS: an edit to a function
 * and an edit to the backend's Java source each lead to one redeploy (the Java one compiled in process, its effect
 * deployed); edits made during a deploy lead to exactly one follow-up; a compile error is printed and watching goes
 * on; stopping it keeps the stacks and says how to delete them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxWatchIT {
    private static final Duration DEPLOY = Duration.ofMinutes(2);
    private static final Predicate<String> DEPLOYED = line -> line.startsWith("[gen2] outputs: ");
    private static final Path FUNCTION = Path.of("src/main/functions/post-confirmation/index.js");
    private static final Path FUNCTION_CONFIG = Path.of("src/main/java/amplify/functions/FunctionConfig.java");
    private static LocalAws aws;
    private static LocalAwsApi api;
    private static Path project;
    private static SandboxProcess sandbox;

    @BeforeAll
    static void startTheSandbox() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it", "watch-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        project = copyOfTheSample(work.resolve("project"));
        aws = LocalAws.start();
        api = new LocalAwsApi(aws);
        new LocalCli(aws).bootstrap(SampleAssembly.synth(work.resolve("bootstrap"), "boot", DeploymentType.SANDBOX,
                ""));
        sandbox = SandboxProcess.start(project, List.of("--identifier", "watch", "--region", LocalAws.REGION,
                "--endpoint-url", aws.endpoint().toString()));
        sandbox.awaitCount(line -> line.startsWith("[gen2] watching "), 1, Duration.ofMinutes(2), "the watch");
        sandbox.awaitCount(DEPLOYED, 1, Duration.ofMinutes(3), "the first deploy");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    @Order(1)
    void anEditToAFunctionRedeploysOnce() throws Exception {
        String codeBefore = api.functionCodeSha("postConfirmation");
        long deploys = sandbox.count(DEPLOYED);
        append(FUNCTION, "// edited by SandboxWatchIT\n");
        sandbox.awaitCount(DEPLOYED, deploys + 1, DEPLOY, "the redeploy after a function edit");
        assertQuietFor(Duration.ofSeconds(3), deploys + 1);
        assertThat(api.functionCodeSha("postConfirmation")).isNotEqualTo(codeBefore);
        List<String> lines = sandbox.lines();
        List<String> redeploy = lines.subList(lines.indexOf(lines.stream().filter(line -> line.startsWith(
                "[gen2] changed: ")).reduce((first, second) -> second).orElseThrow()), lines.size());
        assertThat(redeploy).as("a function edit is hotswapped, in one line").anyMatch(line -> line.matches(
                "\\[gen2\\] stack amplify-gen2sample-watch-sandbox-\\w+: hotswapped \\(\\d+\\.\\d s\\)"));
        assertThat(redeploy).as("the redeploy's lines: changed, synth, check, stack, deploy, outputs")
                .hasSizeLessThanOrEqualTo(7);
    }

    @Test
    @Order(2)
    void anEditToTheBackendsJavaSourceIsCompiledInProcessAndRedeploysOnce() throws Exception {
        long deploys = sandbox.count(DEPLOYED);
        replace(FUNCTION_CONFIG, ".timeoutSeconds(60)", ".timeoutSeconds(61)");
        sandbox.awaitCount(DEPLOYED, deploys + 1, DEPLOY, "the redeploy after a Java edit");
        assertQuietFor(Duration.ofSeconds(3), deploys + 1);
        assertThat(sandbox.lines()).anyMatch(line -> line.startsWith("[gen2] compile: "));
        assertThat(api.functionTimeout("report")).as("the recompiled definition was deployed").isEqualTo(61);
        List<String> synths = sandbox.lines().stream().filter(line -> line.startsWith("[gen2] synth: ")).toList();
        System.out.println("re-synth after a Java edit: " + synths.get(synths.size() - 1));
    }

    @Test
    @Order(3)
    void editsDuringADeployQueueExactlyOneFollowUp() throws Exception {
        long deploys = sandbox.count(DEPLOYED);
        long changes = sandbox.count(line -> line.startsWith("[gen2] changed: "));
        append(FUNCTION, "// first\n");
        sandbox.awaitCount(line -> line.startsWith("[gen2] changed: "), changes + 1, DEPLOY, "the deploy to start");
        append(FUNCTION, "// second, during the deploy\n");
        Thread.sleep(400);
        append(FUNCTION, "// third, during the deploy\n");
        sandbox.awaitCount(DEPLOYED, deploys + 2, DEPLOY, "the deploy and its one follow-up");
        assertQuietFor(Duration.ofSeconds(4), deploys + 2);
    }

    @Test
    @Order(4)
    void aCompileErrorIsPrintedAndWatchingGoesOn() throws Exception {
        long deploys = sandbox.count(DEPLOYED);
        replace(FUNCTION_CONFIG, ".timeoutSeconds(61)", ".timeoutSeconds(61)))");
        sandbox.awaitCount(line -> line.startsWith("[gen2] compile failed"), 1, DEPLOY, "the compile error");
        sandbox.awaitCount(line -> line.contains("FunctionConfig.java:"), 1, Duration.ofSeconds(10),
                "the compile error's file and line");
        replace(FUNCTION_CONFIG, ".timeoutSeconds(61)))", ".timeoutSeconds(62)");
        sandbox.awaitCount(DEPLOYED, deploys + 1, DEPLOY, "the deploy after the fix");
        assertThat(api.functionTimeout("report")).isEqualTo(62);
    }

    @Test
    @Order(5)
    void noDeployPrintsTheCdkClisOwnLog() {
        assertThat(sandbox.lines()).as(String.join("\n", sandbox.lines()))
                .noneMatch(line -> SandboxAndPipelineIT.RAW_CLI_NOISE.stream().anyMatch(line::contains))
                .anyMatch(line -> line.matches("\\[gen2\\] stack amplify-gen2sample-watch-sandbox-\\w+: created .*"));
    }

    @Test
    @Order(6)
    void stoppingKeepsTheStacksAndSaysHowToDeleteThem() throws Exception {
        sandbox.close();
        assertThat(sandbox.lines()).contains("[gen2] stopped watching. The sandbox's stacks are kept; delete them"
                + " with `gen2 sandbox delete --identifier watch`.");
        assertThat(api.liveStacks()).anyMatch(name -> name.startsWith("amplify-gen2sample-watch-sandbox-"));
        sandbox = null;
    }

    private static void assertQuietFor(Duration quiet, long expectedDeploys) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        assertThat(sandbox.count(DEPLOYED)).as(String.join("\n", sandbox.lines())).isEqualTo(expectedDeploys);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(project.resolve(file), Files.readString(project.resolve(file)) + text,
                StandardCharsets.UTF_8);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(project.resolve(file), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(project.resolve(file), text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The sample's own sources, functions, cdk.json and .gitignore, and its packaged Java functions. */
    private static Path copyOfTheSample(Path target) throws IOException {
        Path source = SampleAssembly.PROJECT;
        for (Path part : List.of(Path.of("src/main/java/amplify"), Path.of("src/main/functions"))) {
            try (Stream<Path> files = Files.walk(source.resolve(part))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = target.resolve(source.relativize(file));
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (Path file : List.of(Path.of("cdk.json"), Path.of(".gitignore"), Path.of("target/lambda/functions.zip"))) {
            Files.createDirectories(target.resolve(file).toAbsolutePath().getParent());
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
