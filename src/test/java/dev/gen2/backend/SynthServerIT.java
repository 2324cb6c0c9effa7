package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.synthserver.RunningSynthServers;
import dev.gen2.synthserver.SynthServer;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synth server behind {@code cdk.json}'s app command, driven by the real CDK CLI: it writes the assembly a JVM
 * of its own writes, it is restarted when the environment changes, {@code synth.sh --stop} stops it, and a server
 * that cannot start is given up for a JVM of the synth's own; a server stops once its project directory is deleted,
 * and the longest idle one stops when a new one would pass the cap on how many run. Each test
 * gives the client a temporary directory of its own for the servers' sockets (TMPDIR), and stops every server it
 * started by the process id in its lock file.
 */
class SynthServerIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String STARTING = "[gen2] starting the synth server for this project";

    @TempDir
    Path sockets;

    @AfterEach
    void stopServers() {
        RunningSynthServers.under(sockets).forEach(ProcessHandle::destroy);
    }

    @Test
    void theServerWritesTheAssemblyAJvmOfItsOwnWritesWithValidationOnAndOff(@TempDir Path out) throws Exception {
        for (String validation : List.of("true", "false")) {
            CdkCli.Result first = synth(Map.of("CDK_VALIDATION", validation), out.resolve(validation + "-first"));
            assertThat(first.output()).contains(STARTING);
            CdkCli.Result second = synth(Map.of("CDK_VALIDATION", validation), out.resolve(validation + "-second"));
            assertThat(second.output()).doesNotContain(STARTING);
            synth(Map.of("CDK_VALIDATION", validation, "GEN2_SYNTH_SERVER", "off"), out.resolve(validation + "-own"));

            SynthDeterminismIT.assertSameFiles(out.resolve(validation + "-own"), out.resolve(validation + "-first"));
            SynthDeterminismIT.assertSameFiles(out.resolve(validation + "-own"), out.resolve(validation + "-second"));
        }
        assertThat(out.resolve("true-first/validation-report.json")).as("CDK's validation ran").exists();
        assertThat(out.resolve("false-first/validation-report.json")).doesNotExist();
        assertThat(serverPids()).as("one server per CDK_VALIDATION setting").hasSize(2);
    }

    @Test
    void aChangedEnvironmentRestartsTheServerAndStopEndsIt(@TempDir Path out) throws Exception {
        synth(Map.of("GEN2_IT_SETTING", "a"), out.resolve("a"));
        List<Long> first = serverPids();
        assertThat(first).hasSize(1);

        CdkCli.Result changed = synth(Map.of("GEN2_IT_SETTING", "b"), out.resolve("b"));
        assertThat(changed.output())
                .contains("[gen2] restarting the synth server: the environment changed (GEN2_IT_SETTING)");
        List<Long> second = serverPids();
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(ProcessHandle.of(first.get(0)).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        CdkCli.Result stop = CdkCli.Processes.run(Path.of("."), List.of("bash", "src/main/scripts/synth.sh",
                "--stop"), environment(Map.of("GEN2_IT_SETTING", "b")), TIMEOUT);
        assertThat(stop.output()).contains("[gen2] synth servers stopped: 1");
        ProcessHandle server = ProcessHandle.of(second.get(0)).orElse(null);
        if (server != null) {
            server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerThatCannotStartIsGivenUpAndTheSynthRunsInAJvmOfItsOwn(@TempDir Path out) throws Exception {
        // a socket path past the 107 bytes a Unix socket's path may have: every server start fails
        Path longDirectory = Files.createDirectories(sockets.resolve("x".repeat(100)));
        CdkCli.Result result = synth(Map.of("TMPDIR", longDirectory.toString()), out.resolve("own"));
        assertThat(result.output()).contains("[gen2] synthesizing without the synth server: the synth server did"
                + " not start (it exited three times: ").contains("Unix domain path too long");
        assertThat(out.resolve("own/manifest.json")).exists();
    }

    @Test
    void aServerStopsWithinSecondsOnceItsProjectDirectoryIsDeleted(@TempDir Path clones) throws Exception {
        Path clone = project(clones, "clone");
        Process server = startServer("clone", clone, Map.of());
        awaitServing(server);
        deleteRecursively(clone);
        assertThat(server.onExit().get(4 * SynthServer.CHECK_SECONDS + 5, TimeUnit.SECONDS).exitValue()).isZero();
        assertThat(Files.readString(clones.resolve("clone.log"))).contains("The project directory " + clone
                + " is gone; stopping.");
    }

    @Test
    void pastTheCapTheLongestIdleServerStopsWhenANewOneStarts(@TempDir Path clones) throws Exception {
        Map<String, String> capOfTwo = Map.of("GEN2_SYNTH_SERVER_MAX_RUNNING", "2");
        Process first = startServer("first", project(clones, "first"), capOfTwo);
        awaitServing(first);
        Thread.sleep(1100);
        Process second = startServer("second", project(clones, "second"), capOfTwo);
        awaitServing(second);
        Thread.sleep(1100);
        // a connection to the first makes it the more recently active, and it keeps its lock
        try (SocketChannel connection = SocketChannel.open(UnixDomainSocketAddress.of(socketOf("first")))) {
            connection.shutdownOutput();
            assertThat(connection.read(ByteBuffer.allocate(1))).as("answered by closing").isEqualTo(-1);
        }
        Thread.sleep(200);
        assertThat(serverPids()).as("still running, lock held").contains(first.pid());
        Process third = startServer("third", project(clones, "third"), capOfTwo);
        awaitServing(third);

        assertThat(second.onExit().get(30, TimeUnit.SECONDS).exitValue()).as("the longest idle stopped").isZero();
        assertThat(first.isAlive()).isTrue();
        assertThat(third.isAlive()).isTrue();
        assertThat(Files.readString(clones.resolve("third.log"))).contains("More than 2 synth servers would run"
                + " (GEN2_SYNTH_SERVER_MAX_RUNNING); stopping the longest idle, pid " + second.pid());
        assertThat(serverPids()).containsExactlyInAnyOrder(first.pid(), third.pid());
    }

    private Path socketOf(String name) {
        return sockets.resolve("gen2-synth-test").resolve(name + ".sock");
    }

    /** A project directory as a clone has one, for a server that is never asked to synthesize. */
    private static Path project(Path parent, String name) throws IOException {
        Path project = Files.createDirectories(parent.resolve(name).resolve("target/classes")).getParent()
                .getParent();
        Files.writeString(project.resolve("target/classpath.txt"), "");
        return project;
    }

    /** A synth server started as the client starts one, with its socket in this test's directory. */
    private Process startServer(String name, Path project, Map<String, String> settings) throws IOException {
        Path socket = socketOf(name);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", CdkCli.testClasspath(), SynthServer.class.getName(), socket.toString(), project.toString())
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.getParent().resolve(name + ".log").toFile());
        builder.environment().putAll(settings);
        return builder.start();
    }

    private void awaitServing(Process server) throws InterruptedException {
        for (int i = 0; i < 300 && !serverPids().contains(server.pid()); i++) {
            assertThat(server.isAlive()).as("the server started").isTrue();
            Thread.sleep(100);
        }
        assertThat(serverPids()).contains(server.pid());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private CdkCli.Result synth(Map<String, String> settings, Path output) throws Exception {
        CdkCli.Result result = CdkCli.run(environment(settings), TIMEOUT, "synth", "--quiet", "--output",
                output.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    /** The client's environment: this test's socket directory, the server on even where CI is set. */
    private Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(Map.of("TMPDIR", sockets.toString(), "GEN2_SYNTH_SERVER",
                "on", "CDK_VALIDATION", "false"));
        environment.putAll(settings);
        return environment;
    }

    /** The process ids of the servers this test's client started that still run. */
    private List<Long> serverPids() {
        return RunningSynthServers.under(sockets).stream().map(ProcessHandle::pid).toList();
    }
}
