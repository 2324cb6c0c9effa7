package dev.gen2.backend.function.packaging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs a Java function from its Lambda package as Lambda does: the package unpacked into a task directory, and
 * Lambda's own runtime interface client ({@code aws-lambda-java-runtime-interface-client}) started in a JVM of its
 * own with that directory as its working directory (it loads the handler from the directory and its {@code lib/}
 * jars, nothing else), fetching one event from a Runtime API served here on a free loopback port.
 */
public final class LambdaJavaRuntime {
    private static final String API = "/2018-06-01/runtime";
    private static final String REQUEST_ID = "8f4c1a52-7d2e-4a7b-9d3e-5b6c7d8e9f01";

    /**
     * What the invocation gave back.
     *
     * @param response the handler's answer, or the error Lambda reports
     * @param failed whether the handler (or its initialization) failed
     * @param log what the runtime printed
     */
    public record Invocation(String response, boolean failed, String log) {
    }

    private LambdaJavaRuntime() {
    }

    /** Unpacks the zip into {@code taskRoot}, runs {@code handler} (such as {@code a.B::handleRequest}) on one event. */
    public static Invocation invoke(Path zip, Path taskRoot, String handler, String event, Map<String, String> environment)
            throws IOException, InterruptedException {
        unzip(zip, taskRoot);
        CompletableFuture<Invocation> answer = new CompletableFuture<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext(API + "/invocation/next", exchange -> {
            if (answer.isDone()) {
                return; // the runtime asks for the next event: it waits until the process is stopped
            }
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", REQUEST_ID);
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                    String.valueOf(System.currentTimeMillis() + 60_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:test");
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
            // the runtime's native client needs the type Lambda always sends (it crashes without it)
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply(exchange, 200, event);
        });
        api.createContext(API + "/invocation/" + REQUEST_ID + "/response", exchange -> {
            answer.complete(new Invocation(body(exchange), false, ""));
            reply(exchange, 202, "{}");
        });
        api.createContext(API + "/invocation/" + REQUEST_ID + "/error", exchange -> {
            answer.complete(new Invocation(body(exchange), true, ""));
            reply(exchange, 202, "{}");
        });
        api.createContext(API + "/init/error", exchange -> {
            answer.complete(new Invocation(body(exchange), true, ""));
            reply(exchange, 202, "{}");
        });
        api.start();
        Path log = taskRoot.resolveSibling(taskRoot.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", runtimeClasspath(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler)
                .directory(taskRoot.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
        builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
        builder.environment().put("_HANDLER", handler);
        builder.environment().putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", "test");
        builder.environment().putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        Process process = builder.start();
        process.onExit().thenRun(() -> answer.completeExceptionally(new IllegalStateException("the runtime ended")));
        try {
            Invocation invocation = answer.get(120, TimeUnit.SECONDS);
            return new Invocation(invocation.response(), invocation.failed(), Files.readString(log));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The runtime gave no answer; its log:\n" + Files.readString(log), e);
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            api.stop(0);
        }
    }

    /** The runtime interface client and what it needs, from this JVM's test classpath: never the package's jars. */
    private static String runtimeClasspath() {
        List<String> jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("aws-lambda-java-serialization") || entry.contains("aws-lambda-java-core")
                        || entry.contains("utils-lite"))
                .toList();
        if (jars.stream().noneMatch(jar -> jar.contains("runtime-interface-client"))) {
            throw new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the test classpath");
        }
        return String.join(File.pathSeparator, jars);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("entry outside the task directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
            }
        }
    }
}
