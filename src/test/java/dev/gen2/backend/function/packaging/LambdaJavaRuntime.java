package dev.gen2.backend.function.packaging;

import dev.gen2.localaws.lambda.Credentials;
import dev.gen2.localaws.lambda.FunctionDefinition;
import dev.gen2.localaws.lambda.InvocationResult;
import dev.gen2.localaws.lambda.LocalLambda;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a Java function from its Lambda package once, on the product's local Lambda runtime
 * ({@link LocalLambda}: Lambda's own Java runtime interface client in a JVM of its own, the unpacked package as its
 * working directory), for the packaging tests that need no local AWS around it.
 */
public final class LambdaJavaRuntime {
    /**
     * What the invocation gave back.
     *
     * @param response the handler's answer, or the error Lambda reports
     * @param failed   whether the handler (or its initialization) failed
     * @param log      what the runtime printed
     */
    public record Invocation(String response, boolean failed, String log) {
    }

    private LambdaJavaRuntime() {
    }

    /**
     * Runs {@code handler} (such as {@code a.B::handleRequest}) of the package on one event. {@code environment} is
     * the template's; {@code AWS_ENDPOINT_URL} and the access keys in it are where the function's SDK calls go.
     */
    public static Invocation invoke(Path zip, String handler, String event,
            Map<String, String> environment) throws IOException, InterruptedException {
        URI endpoint = URI.create(environment.getOrDefault("AWS_ENDPOINT_URL", "http://localhost:1"));
        Credentials credentials = new Credentials(environment.getOrDefault("AWS_ACCESS_KEY_ID", "testing"),
                environment.getOrDefault("AWS_SECRET_ACCESS_KEY", "testing"), Optional.empty());
        try (LocalLambda lambda = LocalLambda.start(new LocalLambda.Settings(endpoint,
                environment.getOrDefault("AWS_REGION", "us-east-1"), function -> credentials, () -> {
                    throw new IOException("only Java functions run here");
                }, line -> { }))) {
            FunctionDefinition function = new FunctionDefinition("test",
                    "arn:aws:lambda:us-east-1:123456789012:function:test", "java21", handler, sha256(zip), zip, 120,
                    512, environment, "test");
            InvocationResult result = lambda.invoke(function, event);
            return new Invocation(result.payload(), result.failed(), result.log());
        }
    }

    private static String sha256(Path zip) throws IOException {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(zip)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
