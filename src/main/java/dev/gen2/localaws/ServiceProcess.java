package dev.gen2.localaws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One process of the local AWS (moto's server, the GraphQL service): started with its output in a log file, ready
 * once it answers HTTP on a loopback URL, stopped by its process id with its children, its log deleted then. A start
 * that fails says why, with what the process printed. Each line it prints can also be handed to a consumer.
 */
final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopTimeout;
    /** The thread copying the output to the log when the output is piped through this JVM; null otherwise. */
    private Thread outputCopy;

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
        Path log = logFile(name);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        return started(name, builder, environment, log, readiness, startTimeout, stopTimeout, service -> { });
    }

    /**
     * {@link #start}, with each line the process prints (output and errors) also handed to {@code outputLines}, on a
     * thread of its own, as it comes.
     */
    static ServiceProcess start(String name, List<String> command, Map<String, String> environment, URI readiness,
            Duration startTimeout, Duration stopTimeout, Consumer<String> outputLines)
            throws IOException, InterruptedException {
        Path log = logFile(name);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return started(name, builder, environment, log, readiness, startTimeout, stopTimeout,
                service -> service.outputCopy = copyLines(name, service.process, log, outputLines));
    }

    private static Path logFile(String name) throws IOException {
        return Files.createTempFile("gen2-" + name.toLowerCase().replaceAll("[^a-z]+", "-"), ".log");
    }

    private static ServiceProcess started(String name, ProcessBuilder builder, Map<String, String> environment,
            Path log, URI readiness, Duration startTimeout, Duration stopTimeout, Consumer<ServiceProcess> reader)
            throws IOException, InterruptedException {
        builder.environment().putAll(environment);
        ServiceProcess service = new ServiceProcess(name, builder.start(), log, stopTimeout);
        reader.accept(service);
        try {
            service.awaitAnswer(readiness, startTimeout);
        } catch (InterruptedException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** Copies the process's output to its log, line by line, handing each line to {@code outputLines} too. */
    private static Thread copyLines(String name, Process process, Path log, Consumer<String> outputLines) {
        Thread copy = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    try {
                        outputLines.accept(line);
                    } catch (RuntimeException ignored) {
                        // a consumer's failure must not stop the copy: the process would block on a full pipe
                    }
                }
            } catch (IOException ended) {
                // the process is gone, or its log was deleted on close
            }
        }, name.toLowerCase().replaceAll("[^a-z]+", "-") + "-output");
        copy.setDaemon(true);
        copy.start();
        return copy;
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
        if (outputCopy != null) {
            try {
                outputCopy.join(2000); // the last lines (the reason) may still be on their way to the log
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String output = log();
        close();
        return new IOException(name + " " + why + ":\n" + output);
    }
}
