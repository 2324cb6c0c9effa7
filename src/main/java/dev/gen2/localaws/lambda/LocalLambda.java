package dev.gen2.localaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The local Lambda service: runs deployed Node.js and Java functions for real, each in warm runtime processes of its
 * own talking to a Lambda Runtime API served here. The local AWS's Python side (moto's Invoke API, S3 notifications,
 * Cognito triggers) calls it over HTTP on a free 127.0.0.1 port: {@code POST /invoke} with the function as moto
 * holds it and the event, answered with the payload, the function error and the log tail.
 */
public final class LocalLambda implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a Node.js function's runtime interface client is installed (npm's aws-lambda-ric, on first use). */
    @FunctionalInterface
    public interface NodeRuntime {
        Path directory() throws IOException, InterruptedException;

        /**
         * The {@code node_modules} holding the AWS SDK that Lambda's Node.js runtime provides to functions (found
         * through {@code NODE_PATH}, as on Lambda), if any.
         */
        default Optional<Path> sdkModules() throws IOException, InterruptedException {
            return Optional.empty();
        }
    }

    /**
     * How functions run.
     *
     * @param awsEndpoint the local AWS their SDK calls go to ({@code AWS_ENDPOINT_URL})
     * @param credentials what each function's SDK calls are signed with
     * @param nodeRuntime the Node.js runtime interface client's installation
     * @param logs        where every line a function prints goes, prefixed with its short name
     */
    public record Settings(URI awsEndpoint, String region, Function<FunctionDefinition, Credentials> credentials,
            NodeRuntime nodeRuntime, Consumer<String> logs) {
        public Settings {
            Objects.requireNonNull(awsEndpoint, "awsEndpoint");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(nodeRuntime, "nodeRuntime");
            Objects.requireNonNull(logs, "logs");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-lambda");
        thread.setDaemon(true);
        return thread;
    });
    private final FunctionInstances instances;
    private final Path work;

    private LocalLambda(Settings settings) throws IOException {
        this.work = Files.createTempDirectory("gen2-local-lambda-");
        this.instances = new FunctionInstances(new RuntimeLaunch(new TaskRoots(work), settings), settings.logs());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/invoke", this::invokeRoute);
        server.start();
    }

    /** Starts the service on a free 127.0.0.1 port. */
    public static LocalLambda start(Settings settings) throws IOException {
        return new LocalLambda(settings);
    }

    /** The URL the Python side calls ({@code LOCAL_AWS_LAMBDA_URL}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Runs one event on the function (RequestResponse), starting an instance if none is idle. */
    public InvocationResult invoke(FunctionDefinition function, String event) throws IOException,
            InterruptedException {
        if (!function.isSupported()) {
            throw new UnsupportedRuntimeException(function);
        }
        return instances.invoke(function, event);
    }

    /** How many runtime processes run now. */
    public int instanceCount() {
        return instances.size();
    }

    private void invokeRoute(HttpExchange exchange) throws IOException {
        try (exchange) { // the error replies too are sent before the exchange closes
            try {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    reply(exchange, 405, message("POST only"));
                    return;
                }
                JsonNode request;
                try (InputStream in = exchange.getRequestBody()) {
                    request = JSON.readTree(in);
                }
                InvocationResult result = invoke(definition(request.path("function")),
                        request.path("event").asText(""));
                ObjectNode answer = JSON.createObjectNode();
                answer.put("requestId", result.requestId());
                answer.put("payload", result.payload());
                answer.put("functionError", result.functionError().orElse(null));
                answer.put("log", result.log());
                reply(exchange, 200, answer);
            } catch (UnsupportedRuntimeException e) {
                reply(exchange, 400, message(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 503, message("the local Lambda runtime is stopping"));
            } catch (IOException | RuntimeException e) {
                reply(exchange, 500, message("The local Lambda runtime could not run the function: " + e));
            }
        }
    }

    private static FunctionDefinition definition(JsonNode node) {
        Map<String, String> environment = new LinkedHashMap<>();
        node.path("environment").fields().forEachRemaining(field -> environment.put(field.getKey(),
                field.getValue().asText()));
        return new FunctionDefinition(node.path("name").asText(), node.path("arn").asText(),
                node.path("runtime").asText(), node.path("handler").asText(), node.path("codeSha256").asText(),
                Path.of(node.path("codeZip").asText()), node.path("timeout").asInt(3),
                node.path("memorySize").asInt(128), environment, node.path("logName").asText(""),
                Optional.of(node.path("role").asText("")).filter(role -> !role.isEmpty()));
    }

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        instances.close();
        threads.shutdownNow();
        deleteQuietly(work);
    }

    private static void deleteQuietly(Path directory) {
        try (var walk = Files.walk(directory)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    /** A function of a runtime the local runtime cannot run (only Node.js and Java run locally). */
    public static final class UnsupportedRuntimeException extends RuntimeException {
        UnsupportedRuntimeException(FunctionDefinition function) {
            super("The function " + function.name() + " has the runtime " + function.runtime()
                    + ", which the local AWS does not run (Node.js and Java only).");
        }
    }
}
