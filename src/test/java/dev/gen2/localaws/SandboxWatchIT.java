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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code gen2 sandbox} in watch mode, on a copy of the sample project, against the local AWS: an edit to a function,
 * an edit to the backend's Java source and an edit to a Java handler (repackaged by the synth, no Maven) each lead to
 * one redeploy (the Java ones compiled in process, their effect deployed); edits made during a deploy lead to exactly one follow-up; a compile error is printed and watching goes
 * on; stopping it keeps the stacks and says how to delete them. The test waits for the sandbox's lines, not for
 * time to pass: "no further deploy" is shown by a marker edit whose deploy comes next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxWatchIT {
    private static final Duration DEPLOY = Duration.ofMinutes(2);
    private static final Predicate<String> DEPLOYED = line -> line.startsWith("[gen2] outputs: ");
    private static final Predicate<String> STARTED = line -> line.startsWith("[gen2] changed: ");
    private static final Predicate<String> QUEUED = line -> line.startsWith("[gen2] changed during a deploy, ");
    /** Where {@link #assertNoFurtherDeploy} puts its markers: watched, made before the watch starts. */
    private static final Path MARKERS = Path.of("src/main/markers");
    private static final Path FUNCTION = Path.of("src/main/functions/post-confirmation/index.js");
    private static final Path FUNCTION_CONFIG = Path.of("src/main/java/amplify/functions/FunctionConfig.java");
    private static final Path REPORT_HANDLER = Path.of("src/main/java/amplify/functions/report/ReportHandler.java");
    private static LocalAws aws;
    private static LocalAwsApi api;
    private static Path project;
    private static SandboxProcess sandbox;
    private static int saves;

    @BeforeAll
    static void startTheSandbox() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it", "watch-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        project = copyOfTheSample(work.resolve("project"));
        Files.createDirectories(project.resolve(MARKERS));
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
        assertNoFurtherDeploy(deploys + 1);
        assertThat(api.functionCodeSha("postConfirmation")).isNotEqualTo(codeBefore);
        List<String> lines = sandbox.lines();
        List<String> redeploy = lines.subList(lines.indexOf(lines.stream().filter(line -> line.startsWith(
                "[gen2] changed: ")).reduce((first, second) -> second).orElseThrow()), lines.size());
        assertThat(redeploy).as("a function edit is hotswapped, in one line").anyMatch(line -> line.matches(
                "\\[gen2\\] stack amplify-gen2sample-watch-sandbox-\\w+: hotswapped \\(\\d+\\.\\d s\\)"));
        assertThat(redeploy).as("the redeploy's lines: changed, synth, the Java function's package, the guard's"
                + " verdict, check, stack, deploy, outputs").hasSizeLessThanOrEqualTo(8);
    }

    @Test
    @Order(2)
    void anEditToTheBackendsJavaSourceIsCompiledInProcessAndRedeploysOnce() throws Exception {
        long deploys = sandbox.count(DEPLOYED);
        replace(FUNCTION_CONFIG, ".timeoutSeconds(60)", ".timeoutSeconds(61)");
        sandbox.awaitCount(DEPLOYED, deploys + 1, DEPLOY, "the redeploy after a Java edit");
        assertNoFurtherDeploy(deploys + 1);
        assertThat(sandbox.lines()).anyMatch(line -> line.startsWith("[gen2] compile: "));
        assertThat(api.functionTimeout("report")).as("the recompiled definition was deployed").isEqualTo(61);
        List<String> synths = sandbox.lines().stream().filter(line -> line.startsWith("[gen2] synth: ")).toList();
        System.out.println("re-synth after a Java edit: " + synths.get(synths.size() - 1));
    }

    @Test
    @Order(3)
    void anEditToAJavaHandlerIsRepackagedAndShipsInTheSameRedeploy() throws Exception {
        String bucket = api.buckets().stream().filter(name -> name.contains("media")).findFirst().orElseThrow();
        try (S3Client s3 = api.configure(S3Client.builder()).forcePathStyle(true).build()) {
            s3.putObject(request -> request.bucket(bucket).key("reports/a.csv"), RequestBody.fromString("a"));
            s3.putObject(request -> request.bucket(bucket).key("reports/monthly/b.csv"), RequestBody.fromString("b"));
        }
        assertThat(api.invoke("report", "{}")).as("the deployed handler counts every report").contains(
                "\"reports\":2");
        String codeBefore = api.functionCodeSha("report");
        String postConfirmationBefore = api.functionCodeSha("postConfirmation");
        long deploys = sandbox.count(DEPLOYED);
        replace(REPORT_HANDLER, "private static final String PREFIX = \"reports/\";",
                "private static final String PREFIX = \"reports/monthly/\";");
        long saved = System.nanoTime();
        sandbox.awaitCount(DEPLOYED, deploys + 1, DEPLOY, "the redeploy after a handler edit");
        assertThat(api.invoke("report", "{}")).as("the next invocation runs the edited handler, on the local runtime")
                .contains("\"reports\":1").contains("reports/monthly/b.csv");
        System.out.printf("Java handler edit to the next invocation running it: %.1f s%n",
                (System.nanoTime() - saved) / 1e9);
        assertThat(api.functionCodeSha("report")).as("the report function's new package").isNotEqualTo(codeBefore);
        assertThat(api.functionCodeSha("postConfirmation")).as("another function's code").isEqualTo(
                postConfirmationBefore);
        assertThat(sandbox.lines()).anyMatch(line -> line.matches(
                "\\[gen2\\] Java function 'report': \\d+\\.\\d MB \\(2 classes, \\d+ jars\\)"));
    }

    @Test
    @Order(4)
    void editsDuringADeployQueueExactlyOneFollowUp() throws Exception {
        long deploys = sandbox.count(DEPLOYED);
        long started = sandbox.count(STARTED);
        long queued = sandbox.count(QUEUED);
        append(FUNCTION, "// first\n");
        sandbox.awaitCount(STARTED, started + 1, DEPLOY, "the deploy to start");
        // each edit waits for the one before it to be seen during the deploy: two changes, not one burst
        append(FUNCTION, "// second, during the deploy\n");
        sandbox.awaitCount(QUEUED, queued + 1, DEPLOY, "the second edit, seen during the deploy");
        append(FUNCTION, "// third, during the deploy\n");
        sandbox.awaitCount(QUEUED, queued + 2, DEPLOY, "the third edit, seen during the deploy");
        sandbox.awaitCount(DEPLOYED, deploys + 2, DEPLOY, "the deploy and its one follow-up");
        assertNoFurtherDeploy(deploys + 2);
    }

    @Test
    @Order(5)
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
    @Order(6)
    void noDeployPrintsTheCdkClisOwnLog() {
        assertThat(sandbox.lines()).as(String.join("\n", sandbox.lines()))
                .noneMatch(line -> SandboxAndPipelineIT.RAW_CLI_NOISE.stream().anyMatch(line::contains))
                .anyMatch(line -> line.matches("\\[gen2\\] stack amplify-gen2sample-watch-sandbox-\\w+: created .*"));
    }

    @Test
    @Order(7)
    void stoppingKeepsTheStacksAndSaysHowToDeleteThem() throws Exception {
        sandbox.close();
        assertThat(sandbox.lines()).contains("[gen2] stopped watching. The sandbox's stacks are kept; delete them"
                + " with `gen2 sandbox delete --identifier watch`.");
        assertThat(api.liveStacks()).anyMatch(name -> name.startsWith("amplify-gen2sample-watch-sandbox-"));
        sandbox = null;
    }

    /**
     * No deploy follows the {@code deploys} done so far, shown by what happens in order rather than by waiting: a
     * new file of its own (a marker) is written, and the next deploy to start is the marker's, for the marker alone.
     * A deploy still due for an earlier edit would start first, or take the marker with that edit.
     */
    private static void assertNoFurtherDeploy(long deploys) throws Exception {
        assertThat(sandbox.count(DEPLOYED)).as(String.join("\n", sandbox.lines())).isEqualTo(deploys);
        int before = sandbox.lines().size();
        Path marker = MARKERS.resolve("after-" + deploys + ".txt");
        save(marker, "marker\n");
        sandbox.awaitCount(DEPLOYED, deploys + 1, DEPLOY, "the deploy of " + marker);
        List<String> since = sandbox.lines();
        assertThat(since.subList(before, since.size()).stream().filter(STARTED).toList())
                .as(String.join("\n", since)).containsExactly("[gen2] changed: " + marker);
    }

    private static void append(Path file, String text) throws IOException {
        save(file, Files.readString(project.resolve(file), StandardCharsets.UTF_8) + text);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(project.resolve(file), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        save(file, text.replace(from, to));
    }

    /**
     * Saves a file as {@code sed -i} does: a temporary file beside it ({@code sedIT0001}, which the watcher ignores),
     * renamed over it. The rename is one event, so a busy machine cannot split an edit into two changes.
     */
    private static void save(Path file, String text) throws IOException {
        Path target = project.resolve(file);
        Path temporary = target.resolveSibling(String.format("sedIT%04d", ++saves));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
        for (Path file : List.of(Path.of("cdk.json"), Path.of(".gitignore"))) {
            Files.createDirectories(target.resolve(file).toAbsolutePath().getParent());
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
