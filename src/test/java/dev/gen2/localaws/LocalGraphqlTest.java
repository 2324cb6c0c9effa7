package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The local AWS serves what was deployed to its AppSync: an API created through CloudFormation answers at
 * {@link LocalAws#graphqlUrl}, a redeploy with new resolver code is answered by the new code, and a deleted API is
 * gone. The Node tests (data-resolvers, data-client) exercise the service itself in depth.
 */
class LocalGraphqlTest {
    private static final String TEMPLATE = """
            {"Resources": {
              "Api": {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "hello", "AuthenticationType": "API_KEY"}},
              "Key": {"Type": "AWS::AppSync::ApiKey", "Properties": {"ApiId": {"Fn::GetAtt": ["Api", "ApiId"]}}},
              "Schema": {"Type": "AWS::AppSync::GraphQLSchema", "Properties": {"ApiId": {"Fn::GetAtt": ["Api", "ApiId"]},
                "Definition": "type Query { hello(name: String): String }"}},
              "None": {"Type": "AWS::AppSync::DataSource", "Properties": {"ApiId": {"Fn::GetAtt": ["Api", "ApiId"]},
                "Name": "none", "Type": "NONE"}},
              "Hello": {"Type": "AWS::AppSync::Resolver", "DependsOn": ["Schema"], "Properties": {
                "ApiId": {"Fn::GetAtt": ["Api", "ApiId"]}, "TypeName": "Query", "FieldName": "hello",
                "DataSourceName": {"Fn::GetAtt": ["None", "Name"]}, "Kind": "UNIT",
                "Runtime": {"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"},
                "Code": "export function request(ctx) { return { payload: 'GREETING, ' + ctx.args.name }; }\\nexport function response(ctx) { return ctx.result; }"}}},
             "Outputs": {"ApiId": {"Value": {"Fn::GetAtt": ["Api", "ApiId"]}}, "Key": {"Value": {"Fn::GetAtt": ["Key", "ApiKey"]}}}}
            """;
    // HTTP/1.1: Java's default HTTP/2 client asks plain-text servers to upgrade (h2c), which the service does not serve
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static LocalAws aws;
    private static CloudFormationClient cloudFormation;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAws.start();
        cloudFormation = new LocalAwsApi(aws).configure(CloudFormationClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        if (cloudFormation != null) {
            cloudFormation.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void servesTheDeployedApiAndItsRedeployedCodeUntilItIsDeleted() throws Exception {
        cloudFormation.createStack(request -> request.stackName("hello").templateBody(TEMPLATE.replace("GREETING",
                "hello")));
        Stack stack = cloudFormation.describeStacks(request -> request.stackName("hello")).stacks().get(0);
        String apiId = output(stack, "ApiId");
        String key = output(stack, "Key");
        URI url = aws.graphqlUrl(apiId);
        assertThat(url.toString()).isEqualTo(aws.graphqlEndpoint() + "/" + apiId + "/graphql");

        assertThat(post(url, key).body()).isEqualTo("{\"data\":{\"hello\":\"hello, Ada\"}}");
        HttpResponse<String> refused = post(url, "da2-wrong");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"errorType\":\"UnauthorizedException\"");

        cloudFormation.updateStack(request -> request.stackName("hello").templateBody(TEMPLATE.replace("GREETING",
                "welcome")));
        assertThat(post(url, key).body()).isEqualTo("{\"data\":{\"hello\":\"welcome, Ada\"}}");

        cloudFormation.deleteStack(request -> request.stackName("hello"));
        HttpResponse<String> gone = post(url, key);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("No GraphQL API " + apiId + " is deployed to the local AWS.");
    }

    private static String output(Stack stack, String key) {
        return stack.outputs().stream().filter(output -> output.outputKey().equals(key)).map(Output::outputValue)
                .findFirst().orElseThrow();
    }

    private static HttpResponse<String> post(URI url, String apiKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("content-type", "application/json")
                .header("x-api-key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ hello(name: \\\"Ada\\\") }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
