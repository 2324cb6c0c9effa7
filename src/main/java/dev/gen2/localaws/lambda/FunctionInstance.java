package dev.gen2.localaws.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One warm execution environment of a function: its runtime process (started once, then serving one invocation
 * after another through its {@link RuntimeApi}) and the lines it prints. An invocation that outlives the function's
 * timeout kills the process, as Lambda does, and this instance is then done.
 */
final class FunctionInstance implements AutoCloseable {
    /** How long Lambda lets a runtime start before the first event (its init phase limit). */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);

    private final FunctionDefinition definition;
    private final Instant started = Instant.now();
    private final RuntimeApi api;
    private final Process process;
    private final FunctionLog log;
    private volatile boolean done;

    FunctionInstance(FunctionDefinition definition, RuntimeLaunch launch, Consumer<String> logs)
            throws IOException, InterruptedException {
        this.definition = definition;
        this.api = new RuntimeApi();
        this.log = new FunctionLog(definition.logName(), logs);
        try {
            this.process = launch.start(definition, api.address());
        } catch (IOException | InterruptedException | RuntimeException e) {
            api.close();
            throw e;
        }
        Thread pump = new Thread(this::pumpOutput, "local-lambda-log-" + definition.logName());
        pump.setDaemon(true);
        pump.start();
    }

    /** Whether it started longer than {@code age} ago (its role's credentials are as old). */
    boolean olderThan(Duration age) {
        return started.plus(age).isBefore(Instant.now());
    }

    /** Whether it can take another invocation (its process runs and never timed out). */
    boolean usable() {
        return !done && process.isAlive();
    }

    /** Runs one event; the caller makes sure no other invocation runs on this instance at the same time. */
    InvocationResult invoke(String event) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        long timeoutMillis = definition.timeoutSeconds() * 1000L;
        log.begin("START RequestId: " + requestId + " Version: $LATEST");
        RuntimeApi.Event handed = new RuntimeApi.Event(requestId, event,
                System.currentTimeMillis() + timeoutMillis, definition.arn(), new CompletableFuture<>());
        Optional<InvocationResult> notStarted = handOver(handed);
        if (notStarted.isPresent()) {
            return notStarted.get();
        }
        try {
            RuntimeApi.Answer answer = CompletableFuture.anyOf(handed.answer(), process.onExit())
                    .thenApply(ignored -> handed.answer().getNow(null))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (answer == null) {
                done = true;
                return finish(requestId, started, failure("Runtime.ExitError", "RequestId: " + requestId
                        + " Error: Runtime exited with error: exit status " + process.exitValue()), true);
            }
            return finish(requestId, started, answer.body(), answer.failed());
        } catch (TimeoutException timedOut) {
            close();
            return finish(requestId, started, failure("Sandbox.Timedout", "RequestId: " + requestId
                    + " Error: Task timed out after " + String.format(Locale.ROOT, "%.2f",
                    (double) definition.timeoutSeconds()) + " seconds"), true);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the invocation's answer failed", e.getCause());
        }
    }

    /** Gives the event to the runtime as soon as it asks; empty once it did, else why it never asked. */
    private Optional<InvocationResult> handOver(RuntimeApi.Event event) throws InterruptedException {
        long deadline = System.nanoTime() + INIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.offer(event, 50)) {
                return Optional.empty();
            }
            String initError = api.initError().getNow(null);
            if (initError != null || !process.isAlive()) {
                close();
                String payload = initError != null ? initError : failure("Runtime.ExitError", "RequestId: "
                        + event.requestId() + " Error: Runtime exited with error: exit status "
                        + process.waitFor());
                return Optional.of(finish(event.requestId(), System.nanoTime(), payload, true));
            }
        }
        close();
        return Optional.of(finish(event.requestId(), System.nanoTime(), failure("Runtime.Unavailable",
                "RequestId: " + event.requestId() + " Error: the runtime did not start within " + INIT_LIMIT.toSeconds()
                        + " seconds"), true));
    }

    private InvocationResult finish(String requestId, long started, String payload, boolean failed) {
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        String lines = log.end("END RequestId: " + requestId, "REPORT RequestId: " + requestId + "\tDuration: "
                + String.format(Locale.ROOT, "%.2f", millis) + " ms\tMemory Size: " + definition.memoryMegabytes()
                + " MB");
        return new InvocationResult(requestId, payload,
                failed ? Optional.of(InvocationResult.UNHANDLED) : Optional.empty(), lines);
    }

    /** An error document as Lambda writes its own (errorType, errorMessage). */
    static String failure(String type, String message) {
        return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}";
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                log.line(line);
            }
        } catch (IOException ended) {
            // the process was stopped: nothing more to read
        }
    }

    @Override
    public void close() {
        done = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        api.close();
    }
}
