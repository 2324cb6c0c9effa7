package dev.gen2.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.localaws.lambda.Credentials;
import dev.gen2.localaws.lambda.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a function's AWS SDK calls are signed with: credentials acting as its execution role, issued by the local AWS
 * ({@code POST /_gen2/credentials/role}), so that the role's policies decide each call as IAM does. One set per role
 * is kept while it has more than {@link #REUSE_WHILE_LEFT} to live: a warm function instance keeps the credentials
 * it started with for at most {@code FunctionInstances.MAX_INSTANCE_AGE}, as Lambda recycles its environments.
 */
final class RoleCredentials {
    static final Duration REUSE_WHILE_LEFT = Duration.ofMinutes(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Issued(Credentials credentials, Instant expiration) {
    }

    private final URI endpoint;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Issued> byRole = new ConcurrentHashMap<>();

    RoleCredentials(URI endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** The credentials of the function's role; a function without one cannot have been created by Lambda. */
    Credentials forFunction(FunctionDefinition function) {
        String role = function.roleArn().orElseThrow(() -> new IllegalStateException("The function "
                + function.name() + " has no execution role; deploy it with one (Lambda requires a role)."));
        Issued current = byRole.get(role);
        if (current == null || Duration.between(clock.instant(), current.expiration()).compareTo(REUSE_WHILE_LEFT) < 0) {
            current = issue(role, function.name());
            byRole.put(role, current);
        }
        return current.credentials();
    }

    private Issued issue(String role, String functionName) {
        String body = JSON.createObjectNode().put("roleArn", role).put("sessionName", functionName).toString();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/_gen2/credentials/role"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The function " + functionName + " cannot get credentials for its role "
                        + role + ": " + answer.path("message").asText("HTTP " + response.statusCode()));
            }
            Credentials credentials = new Credentials(answer.path("accessKeyId").asText(),
                    answer.path("secretAccessKey").asText(), Optional.of(answer.path("sessionToken").asText()));
            long expiresMillis = (long) (answer.path("expiration").asDouble() * 1000);
            return new Issued(credentials, Instant.ofEpochMilli(expiresMillis));
        } catch (IOException e) {
            throw new UncheckedIOException("The local AWS at " + endpoint + " did not issue credentials for " + role, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for credentials for " + role, e);
        }
    }
}
