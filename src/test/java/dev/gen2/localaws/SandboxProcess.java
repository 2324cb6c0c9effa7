package dev.gen2.localaws;

import dev.gen2.backend.CdkCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code gen2 sandbox ...} running in a JVM of its own in a project directory, as a developer runs it: its lines are
 * collected as they come, a test waits for the ones it expects, and {@link #close()} stops it as Ctrl-C does.
 */
final class SandboxProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private SandboxProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "sandbox-output");
        reader.setDaemon(true);
        reader.start();
    }

    static SandboxProcess start(Path projectDirectory, List<String> arguments) throws IOException {
        List<String> sandbox = new ArrayList<>(List.of("sandbox"));
        sandbox.addAll(arguments);
        List<String> command = CdkCli.gen2Command(sandbox);
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        return new SandboxProcess(builder.start());
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process has ended
        }
    }

    /** The process id of the sandbox's JVM. */
    long pid() {
        return process.pid();
    }

    /** Every line so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** How many lines so far match. */
    long count(Predicate<String> match) {
        return lines().stream().filter(match).count();
    }

    /** Waits until {@code count} lines match; fails with everything printed when it does not come in time. */
    void awaitCount(Predicate<String> match, long count, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (lines) {
            while (lines.stream().filter(match).count() < count) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || !process.isAlive() && lines.stream().filter(match).count() < count) {
                    throw new AssertionError("waited " + timeout + " for " + what + "; the sandbox printed:\n"
                            + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 500));
            }
        }
    }

    /**
     * Stops the sandbox as Ctrl-C does and waits for it. SIGTERM runs the JVM's shutdown hooks as SIGINT does, and,
     * unlike SIGINT, is not ignored by a JVM started from a background job (a build run with {@code &}).
     */
    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(10_000); // its last lines
    }
}
