package dev.gen2.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;

/**
 * What a test reads back from a {@link LocalAws}: the AWS SDK for Java where this project has the module, and
 * plain JSON calls for the two services it does not (Cognito identity pools, Lambda).
 */
final class LocalAwsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalAws aws;
    private final HttpClient http = HttpClient.newHttpClient();

    LocalAwsApi(LocalAws aws) {
        this.aws = aws;
    }

    <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(LocalAws.REGION)).endpointOverride(aws.endpoint()).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY_ID,
                        LocalAws.SECRET_ACCESS_KEY)));
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        return builder;
    }

    /** The backend stacks (root and nested) that exist and are not deleted. */
    List<String> liveStacks() {
        try (CloudFormationClient cloudFormation = configure(CloudFormationClient.builder()).build()) {
            return cloudFormation.listStacksPaginator(request -> { }).stackSummaries().stream()
                    .filter(stack -> stack.stackStatus() != StackStatus.DELETE_COMPLETE)
                    .map(stack -> stack.stackName()).filter(name -> name.startsWith("amplify-")).toList();
        }
    }

    List<String> userPoolIds() {
        try (CognitoIdentityProviderClient cognito = configure(CognitoIdentityProviderClient.builder()).build()) {
            return cognito.listUserPools(request -> request.maxResults(60)).userPools().stream()
                    .map(UserPoolDescriptionType::id).toList();
        }
    }

    /** The user names (here: e-mail addresses) of a pool's users. */
    List<String> userEmails(String userPoolId) {
        try (CognitoIdentityProviderClient cognito = configure(CognitoIdentityProviderClient.builder()).build()) {
            return cognito.listUsers(request -> request.userPoolId(userPoolId)).users().stream()
                    .flatMap(user -> user.attributes().stream()).filter(attribute -> attribute.name().equals("email"))
                    .map(attribute -> attribute.value()).toList();
        }
    }

    List<String> tables() {
        try (DynamoDbClient dynamoDb = configure(DynamoDbClient.builder()).build()) {
            return dynamoDb.listTables().tableNames();
        }
    }

    List<String> buckets() {
        try (S3Client s3 = configure(S3Client.builder()).forcePathStyle(true).build()) {
            return s3.listBuckets().buckets().stream().map(Bucket::name).toList();
        }
    }

    List<String> parameters() {
        try (SsmClient ssm = configure(SsmClient.builder()).build()) {
            return ssm.describeParametersPaginator(request -> { }).stream().flatMap(page -> page.parameters().stream())
                    .map(ParameterMetadata::name).toList();
        }
    }

    List<String> identityPoolIds() throws IOException, InterruptedException {
        JsonNode answer = jsonCall("AWSCognitoIdentityService.ListIdentityPools", "{\"MaxResults\": 60}");
        return StreamSupport.stream(answer.path("IdentityPools").spliterator(), false)
                .map(pool -> pool.path("IdentityPoolId").asText()).toList();
    }

    /** The SHA-256 of the deployed code of the function whose name contains {@code part}. */
    String functionCodeSha(String part) throws IOException, InterruptedException {
        return function(part).path("CodeSha256").asText();
    }

    /** The timeout, in seconds, of the function whose name contains {@code part}. */
    int functionTimeout(String part) throws IOException, InterruptedException {
        return function(part).path("Timeout").asInt();
    }

    /** Invokes the function whose name contains {@code part} through Lambda's Invoke API; its answer, as text. */
    String invoke(String part, String payload) throws IOException, InterruptedException {
        String name = function(part).path("FunctionName").asText();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint()
                + "/2015-03-31/functions/" + name + "/invocations")).header("Authorization", "AWS4-HMAC-SHA256"
                + " Credential=" + LocalAws.ACCESS_KEY_ID + "/20260101/" + LocalAws.REGION + "/lambda/aws4_request,"
                + " SignedHeaders=host, Signature=0").POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            throw new AssertionError("invoking " + name + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The local inbox's messages as JSON, newest first; {@code to} (not null) keeps one recipient's. */
    List<JsonNode> inbox(String to) throws IOException, InterruptedException {
        String query = to == null ? "" : "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(aws.inboxUrl() + query))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the inbox answered " + response.statusCode() + ": " + response.body());
        }
        return StreamSupport.stream(JSON.readTree(response.body()).path("messages").spliterator(), false).toList();
    }

    private JsonNode function(String part) throws IOException, InterruptedException {
        // The local AWS tells services apart by the signature's credential scope; it does not check the signature.
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint()
                + "/2015-03-31/functions/")).header("Authorization", "AWS4-HMAC-SHA256 Credential="
                + LocalAws.ACCESS_KEY_ID + "/20260101/" + LocalAws.REGION + "/lambda/aws4_request,"
                + " SignedHeaders=host, Signature=0").GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode functions = JSON.readTree(response.body()).path("Functions");
        return StreamSupport.stream(functions.spliterator(), false)
                .filter(function -> function.path("FunctionName").asText().contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no function named *" + part + "* in " + response.body()));
    }

    private JsonNode jsonCall(String target, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(aws.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(target + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
