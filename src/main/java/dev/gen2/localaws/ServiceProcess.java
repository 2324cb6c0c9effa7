package dev.gen2.localaws;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the local AWS (moto's server, the GraphQL service): started with its output in a log file, ready
 * once it answers HTTP on a loopback URL, stopped by its process id with its children, its log deleted then. A start
 * that fails says why, with what the process printed.
 */
final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopTimeout;

    private ServiceProcess(String name, Process process, Path log, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts {@code command} and returns once {@code readiness} answers (any HTTP status), or fails with the
     * process's output.
     *
     * @param name        what it is, for messages ("The local AWS")
     * @param environment variables added to the process's environment
     */
    static ServiceProcess start(String name, List<String> command, Map<String, String> environment, URI readiness,
            Duration startTimeout, Duration stopTimeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gen2-" + name.toLowerCase().replaceAll("[^a-z]+", "-"), ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        ServiceProcess service = new ServiceProcess(name, builder.start(), log, stopTimeout);
        try {
            service.awaitAnswer(readiness, startTimeout);
        } catch (InterruptedException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** What the process printed so far, for a failure's message. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + name + "'s log is unreadable: " + e.getMessage() + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the process ends by itself (a server run from a command line until Ctrl-C). */
    void waitFor() throws InterruptedException {
        process.waitFor();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a leftover log in the temp directory is harmless
        }
    }

    private void awaitAnswer(URI readiness, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw failedToStart("exited with status " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) readiness.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw failedToStart("did not answer within " + timeout + " at " + readiness);
    }

    /** Stops the process and says why it did not start, with what it printed (read before its log is deleted). */
    private IOException failedToStart(String why) {
        String output = log();
        close();
        return new IOException(name + " " + why + ":\n" + output);
    }
}
