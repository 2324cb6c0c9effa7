package dev.gen2.synthserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.deploy.watch.CompileResult;
import dev.gen2.deploy.watch.JavaRecompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synth server's answers, in this JVM: a project in a temporary directory whose {@code target/classes} holds a
 * backend compiled here, and requests as the synth client sends them.
 */
class SynthServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @BeforeEach
    void emptyClasspathFile() throws IOException {
        Files.createDirectories(project.resolve("target/classes"));
        Files.writeString(project.resolve("target/classpath.txt"), "");
    }

    @Test
    void eachSynthLoadsTheBackendAsCompiledNow() throws Exception {
        compileBackend("demo.Media", bucketBackend("first-name"));
        SynthServer server = new SynthServer(project, 100);

        Reply first = answer(server, request("demo.Media", "first"));
        assertThat(first.exit()).as("stderr: %s", first.err()).isEqualTo(0);
        assertThat(template(project.resolve("first"))).contains("\"BucketName\":\"first-name\"");

        compileBackend("demo.Media", bucketBackend("second-name"));
        Reply second = answer(server, request("demo.Media", "second"));
        assertThat(second.exit()).isEqualTo(0);
        assertThat(template(project.resolve("second"))).contains("\"BucketName\":\"second-name\"")
                .doesNotContain("first-name");
    }

    @Test
    void aBadDefinitionIsOneLineOnStandardErrorAndStatusOne() throws Exception {
        compileBackend("demo.Broken", """
                package demo;

                public final class Broken {
                    public static void define(software.amazon.awscdk.App app) {
                        throw new dev.gen2.backend.BackendConfigException("data.schema", "No models.", "add one.");
                    }
                }
                """);
        Reply reply = answer(new SynthServer(project, 100), request("demo.Broken", "out"));
        assertThat(reply.exit()).isEqualTo(1);
        assertThat(reply.err()).isEqualTo("Backend definition error: data.schema: No models. Fix: add one.\n");
    }

    @Test
    void whatPrintsDuringTheSynthReachesTheClientAndThisJvmsStreamsComeBack() throws Exception {
        compileBackend("demo.Chatty", """
                package demo;

                public final class Chatty {
                    public static void define(software.amazon.awscdk.App app) {
                        System.out.println("defining");
                        System.err.println("a warning");
                        new software.amazon.awscdk.Stack(app, "Chatty");
                    }
                }
                """);
        var before = System.out;
        Reply reply = answer(new SynthServer(project, 100), request("demo.Chatty", "out"));
        assertThat(reply.out()).isEqualTo("defining\n");
        assertThat(reply.err()).isEqualTo("a warning\n");
        assertThat(System.out).isSameAs(before);
    }

    @Test
    void aClassWithoutDefineIsLeftToAJvmOfItsOwn() throws Exception {
        compileBackend("demo.MainOnly", """
                package demo;

                public final class MainOnly {
                    public static void main(String[] args) {
                    }
                }
                """);
        SynthServer server = new SynthServer(project, 100);
        assertThat(answer(server, request("demo.MainOnly", "out")).last().path("fallback").asText())
                .isEqualTo("demo.MainOnly has no public static define(App), which the server calls");
        assertThat(answer(server, request("demo.Missing", "out")).last().has("fallback")).isTrue();
    }

    @Test
    void theServerStopsAfterItsLastSynth() throws Exception {
        compileBackend("demo.Media", bucketBackend("only-name"));
        ClientAnswer only = handle(new SynthServer(project, 1), request("demo.Media", "out"));
        assertThat(only.reply().exit()).isEqualTo(0);
        assertThat(only.goOn()).isFalse();
    }

    @Test
    void aServerStopsOnceItsProjectDirectoryIsGoneOrItWasIdleTooLong() throws Exception {
        Path clone = Files.createDirectories(project.resolve("clone/target/classes")).getParent().getParent();
        Files.writeString(clone.resolve("target/classpath.txt"), "");
        SynthServer server = new SynthServer(clone, 100);
        assertThat(server.reasonToStop(1_000, 60_000)).isEmpty();
        assertThat(server.reasonToStop(60_001, 60_000)).hasValue("Idle for 1 min; stopping.");

        try (Stream<Path> files = Files.walk(clone)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        assertThat(server.reasonToStop(1_000, 60_000)).hasValue("The project directory " + clone
                + " is gone; stopping.");
        assertThat(SynthServer.CHECK_SECONDS).as("it is checked every few seconds").isLessThanOrEqualTo(5);
    }

    @Test
    void pastTheCapTheLongestIdleServersAreStoppedFirst() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        RunningServers.Server idleLongest = server("a", now.minusSeconds(3600));
        RunningServers.Server idleLess = server("b", now.minusSeconds(600));
        RunningServers.Server justUsed = server("c", now.minusSeconds(5));
        List<RunningServers.Server> others = List.of(justUsed, idleLongest, idleLess);
        assertThat(RunningServers.toStop(others, 4)).as("three others and the new one: at the cap").isEmpty();
        assertThat(RunningServers.toStop(others, 3)).containsExactly(idleLongest);
        assertThat(RunningServers.toStop(others, 2)).containsExactly(idleLongest, idleLess);
        assertThat(RunningServers.toStop(others, 0)).as("the new one always runs")
                .containsExactly(idleLongest, idleLess, justUsed);
        assertThat(SynthServer.DEFAULT_MAX_RUNNING).isEqualTo(4);
        assertThat(idleLongest.socket()).isEqualTo(Path.of("/run/gen2/a.sock"));
    }

    @Test
    void aLockFileNobodyHoldsIsNoServer() throws Exception {
        Path lockFile = Files.writeString(project.resolve("stale.sock.lock"), "12345");
        assertThat(RunningServers.running(lockFile)).isEmpty();
        assertThat(RunningServers.in(project, project.resolve("own.sock.lock"))).isEmpty();
    }

    private static RunningServers.Server server(String name, Instant lastActive) {
        return new RunningServers.Server(Path.of("/run/gen2/" + name + ".sock.lock"), name.charAt(0), lastActive);
    }

    @Test
    void aChangedEnvironmentMakesTheServerStale() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GEN2_TEST_SETTING", "changed");
        SynthRequest request = new SynthRequest(false, "demo.Media", List.of(), Path.of("").toAbsolutePath(), "out",
                "{}", null, SynthServer.withoutLauncherVariables(env));
        ClientAnswer answer = handle(new SynthServer(project, 100), request);
        assertThat(answer.goOn()).isFalse();
        assertThat(answer.reply().last().path("restart").asText())
                .isEqualTo("the environment changed (GEN2_TEST_SETTING)");
    }

    @Test
    void aChangedLibraryClassOrJarMakesTheServerStale() throws Exception {
        Path libraryClass = project.resolve("target/classes/dev/gen2/backend/Some.class");
        Files.createDirectories(libraryClass.getParent());
        Files.write(libraryClass, new byte[] {1});
        Path jar = Files.write(project.resolve("dependency.jar"), new byte[] {1});
        Files.writeString(project.resolve("target/classpath.txt"), jar.toString());
        SynthServer server = new SynthServer(project, 100);
        assertThat(server.staleness(request("demo.Media", "out"))).isEmpty();

        Files.setLastModifiedTime(libraryClass, FileTime.fromMillis(Files.getLastModifiedTime(libraryClass)
                .toMillis() + 5_000));
        assertThat(server.staleness(request("demo.Media", "out"))).contains(libraryClass + " changed");

        SynthServer another = new SynthServer(project, 100);
        Files.write(jar, new byte[] {1, 2});
        assertThat(another.staleness(request("demo.Media", "out"))).contains(jar + " changed");
    }

    @Test
    void argumentsForMainAreLeftToAJvmOfItsOwnAndStopEndsTheServer() {
        SynthServer server = new SynthServer(project, 100);
        SynthRequest withArgs = new SynthRequest(false, "demo.Media", List.of("--fast"),
                Path.of("").toAbsolutePath(), "out", "{}", null, SynthServer.withoutLauncherVariables(System.getenv()));
        assertThat(handle(server, withArgs).reply().last().has("fallback")).isTrue();

        ClientAnswer stop = handle(server, SynthRequest.parse("{\"stop\":true}"));
        assertThat(stop.goOn()).isFalse();
        assertThat(stop.reply().exit()).isEqualTo(0);
    }

    @Test
    void aRequestCarriesTheCliContextAndOutdir() {
        SynthRequest request = SynthRequest.parse("""
                {"main":"demo.Media","args":[],"cwd":"/work/p","outdir":"cdk.out",
                 "contextJson":"{\\"amplify-backend-name\\":\\"dev\\",\\"aws:cdk:enable-path-metadata\\":true}",
                 "contextFile":null,"serverEnv":{"PATH":"/usr/bin"}}
                """.replace("\n", ""));
        assertThat(request.outdirPath()).isEqualTo(Path.of("/work/p/cdk.out"));
        assertThat(request.context()).containsEntry("amplify-backend-name", "dev")
                .containsEntry("aws:cdk:enable-path-metadata", true);
        assertThat(request.serverEnv()).containsExactly(Map.entry("PATH", "/usr/bin"));
    }

    @Test
    void aLargeContextIsTheJsonWithTheOverflowFileLaidOverIt() throws IOException {
        Path overflow = Files.writeString(project.resolve("context-overflow.json"),
                "{\"lookup\":{\"vpc\":\"vpc-1\"},\"amplify-backend-name\":\"main\"}");
        SynthRequest request = new SynthRequest(false, "demo.Media", List.of(), project, "cdk.out",
                "{\"amplify-backend-name\":\"dev\",\"amplify-backend-type\":\"branch\"}", overflow.getFileName(),
                Map.of());
        assertThat(request.context()).containsEntry("amplify-backend-type", "branch")
                .containsEntry("amplify-backend-name", "main").containsEntry("lookup", Map.of("vpc", "vpc-1"));
    }

    @Test
    void aClientThatHungUpLeavesTheServerServingWithItsOwnStreams() throws Exception {
        compileBackend("demo.Media", bucketBackend("gone-name"));
        var before = System.out;
        ClientReplies hungUp = new ClientReplies(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        assertThat(new SynthServer(project, 100).handle(request("demo.Media", "out"), hungUp)).isTrue();
        assertThat(hungUp.clientGone()).isTrue();
        assertThat(System.out).isSameAs(before);
    }

    @Test
    void whatTheJavaLauncherAddsToTheEnvironmentIsNotAChange() {
        assertThat(SynthServer.withoutLauncherVariables(Map.of("PATH", "/bin", "JAVA_MAIN_CLASS_4242", "x",
                "JAVA_STARTED_ON_FIRST_THREAD_4242", "1"))).containsExactly(Map.entry("PATH", "/bin"));
    }

    private static String bucketBackend(String bucketName) {
        return """
                package demo;

                public final class Media {
                    public static void define(software.amazon.awscdk.App app) {
                        software.amazon.awscdk.Stack stack = new software.amazon.awscdk.Stack(app, "Media");
                        software.amazon.awscdk.services.s3.CfnBucket.Builder.create(stack, "Bucket")
                                .bucketName("%s").build();
                    }
                }
                """.formatted(bucketName);
    }

    /** Compiles the one class into the project's {@code target/classes}, as {@code mvn process-classes} would. */
    private void compileBackend(String className, String source) throws IOException {
        Path sources = project.resolve("src/main/java");
        Files.createDirectories(sources.resolve("demo"));
        Files.writeString(sources.resolve(className.replace('.', '/') + ".java"), source, StandardCharsets.UTF_8);
        try (JavaRecompiler compiler = new JavaRecompiler(project)) {
            CompileResult result = compiler.compile();
            assertThat(result).as("compiled: %s", result).isInstanceOf(CompileResult.Compiled.class);
            Path compiled = ((CompileResult.Compiled) result).classes();
            try (Stream<Path> files = Files.walk(compiled)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = project.resolve("target/classes").resolve(compiled.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private SynthRequest request(String mainClass, String outdir) {
        return new SynthRequest(false, mainClass, List.of(), Path.of("").toAbsolutePath(),
                project.resolve(outdir).toString(), "{}", null, SynthServer.withoutLauncherVariables(System.getenv()));
    }

    private static String template(Path assembly) throws IOException {
        try (Stream<Path> files = Files.list(assembly)) {
            Path template = files.filter(file -> file.toString().endsWith(".template.json")).findFirst().orElseThrow();
            return JSON.readTree(template.toFile()).toString();
        }
    }

    private static Reply answer(SynthServer server, SynthRequest request) {
        ClientAnswer answer = handle(server, request);
        assertThat(answer.goOn()).isTrue();
        return answer.reply();
    }

    private static ClientAnswer handle(SynthServer server, SynthRequest request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean goOn = server.handle(request, new ClientReplies(bytes));
        List<JsonNode> frames = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            try {
                frames.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClientAnswer(goOn, new Reply(frames));
    }

    private record ClientAnswer(boolean goOn, Reply reply) {
    }

    /** The frames of one answer: printed output, then the last one. */
    private record Reply(List<JsonNode> frames) {
        String out() {
            return printed("out");
        }

        String err() {
            return printed("err");
        }

        JsonNode last() {
            return frames.get(frames.size() - 1);
        }

        int exit() {
            assertThat(last().has("exit")).as("the last frame %s is an exit", last()).isTrue();
            return last().get("exit").asInt();
        }

        private String printed(String kind) {
            StringBuilder text = new StringBuilder();
            frames.stream().filter(frame -> frame.has(kind)).forEach(frame -> text.append(new String(
                    Base64.getDecoder().decode(frame.get(kind).asText()), StandardCharsets.UTF_8)));
            return text.toString();
        }
    }
}
