package dev.gen2.localaws.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's Runtime API for one runtime process, on a free loopback port: the process asks for its next event
 * ({@code /2018-06-01/runtime/invocation/next} blocks until there is one) and posts the answer
 * ({@code .../response}), the handler's error ({@code .../error}) or its failure to start ({@code /init/error}).
 */
final class RuntimeApi implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime";

    /** One event handed to the runtime, and the answer it gives for it. */
    record Event(String requestId, String body, long deadlineMillis, String functionArn,
            CompletableFuture<Answer> answer) {
    }

    /** What the runtime posted for an event: its response, or its error document. */
    record Answer(String body, boolean failed) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-lambda-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    /** A hand-off: an event is given only to a runtime that asked for one. */
    private final BlockingQueue<Event> events = new SynchronousQueue<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile Event current;

    RuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext(BASE + "/invocation/", this::invocation);
        server.createContext(BASE + "/init/error", exchange -> {
            initError.complete(body(exchange));
            reply(exchange, 202, "{}");
        });
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with the error document the runtime posted when it could not start (the handler did not load). */
    CompletableFuture<String> initError() {
        return initError;
    }

    /** Hands the event to the runtime once it asks for it; false if it did not ask within the wait. */
    boolean offer(Event event, long waitMillis) throws InterruptedException {
        return events.offer(event, waitMillis, TimeUnit.MILLISECONDS);
    }

    private void invocation(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(BASE + "/invocation/next")) {
            next(exchange);
            return;
        }
        Event event = current;
        String rest = path.substring((BASE + "/invocation/").length());
        if (event == null || !rest.startsWith(event.requestId() + "/")) {
            reply(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"no such invocation\"}");
            return;
        }
        String kind = rest.substring(event.requestId().length() + 1);
        if (kind.equals("response") || kind.equals("error")) {
            event.answer().complete(new Answer(body(exchange), kind.equals("error")));
            reply(exchange, 202, "{\"status\":\"OK\"}");
        } else {
            reply(exchange, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"" + kind + "\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Event event;
        try {
            event = events.take();
        } catch (InterruptedException stopped) {
            exchange.close();
            return;
        }
        current = event;
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", event.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(event.deadlineMillis()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", event.functionArn());
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                "Root=1-00000000-" + event.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        // Lambda always sends this type; the Java runtime interface client's native part crashes without it
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, 200, event.body());
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
