package dev.gen2.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.localaws.LocalAws;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.stream.StreamSupport;

/**
 * The three Lambda API calls a hotswap measurement needs, as the CDK CLI's hotswap makes them: ListFunctions,
 * UpdateFunctionCode with a zip, and Invoke (RequestResponse). Plain REST calls: the project has no Lambda module of
 * the AWS SDK for Java, and the local AWS tells services apart by the credential scope, signed with its own keys.
 */
final class LambdaApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LambdaApi(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The deployed function whose name contains {@code part}. */
    String functionName(String part) throws IOException, InterruptedException {
        JsonNode functions = JSON.readTree(send(request("/2015-03-31/functions/").GET())).path("Functions");
        return StreamSupport.stream(functions.spliterator(), false).map(fn -> fn.path("FunctionName").asText())
                .filter(name -> name.contains(part)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no deployed function named *" + part + "*"));
    }

    void updateCode(String function, byte[] zip) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("ZipFile", Base64.getEncoder().encodeToString(zip)).toString();
        send(request("/2015-03-31/functions/" + function + "/code").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The function's answer to {@code event}; a function error is an exception. */
    String invoke(String function, String event) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/2015-03-31/functions/" + function + "/invocations")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            throw new IOException("Invoke " + function + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(endpoint.resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY_ID + "/20260101/"
                        + LocalAws.REGION + "/lambda/aws4_request, SignedHeaders=host, Signature=0");
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.build().method() + " " + request.build().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
