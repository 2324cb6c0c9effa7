package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.outputs.BackendOutput;
import dev.gen2.localaws.LocalAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link SandboxFunctions} against stacks on the local AWS: a function in the root stack and one in a nested stack,
 * their friendly names from the assembly's templates, a function without the tag shown by its name.
 */
class SandboxFunctionsTest {
    private static final String ROLE = """
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
              "Action": "sts:AssumeRole"}]}}}""";

    private static String function(String logicalId, String functionName, String friendlyName) {
        String tags = friendlyName == null ? "[]"
                : "[{\"Key\": \"amplify:friendly-name\", \"Value\": \"" + friendlyName + "\"}]";
        return "\"" + logicalId + "\": {\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"FunctionName\": \""
                + functionName + "\", \"Runtime\": \"nodejs20.x\", \"Handler\": \"index.handler\", \"Role\":"
                + " {\"Fn::GetAtt\": [\"Role\", \"Arn\"]}, \"Code\": {\"ZipFile\": \"exports.handler = async () => 1;\"},"
                + " \"Tags\": " + tags + "}}";
    }

    @Test
    void namesEachDefinedFunctionByItsFriendlyNameThroughNestedStacks(@TempDir Path assembly) throws Exception {
        String nested = "{\"Resources\": {" + ROLE + ", "
                + function("sayhelloLambda1A2B3C4D", "app-me-sandbox-sayhello-AbC1", "say-hello") + ", "
                + function("untaggedLambdaE5F6", "app-me-sandbox-untagged-QrS3", null) + "}}";
        String rootWithoutUrl = "{\"Resources\": {" + ROLE + ", "
                + function("reportLambda9F8E7D6C", "app-me-sandbox-report-XyZ2", "report") + ", "
                + "\"functionNestedStack\": {\"Type\": \"AWS::CloudFormation::Stack\", \"Properties\": {\"TemplateURL\":"
                + " \"%s\"}}}}";
        Files.writeString(assembly.resolve("amplify-app-me-sandbox-1234.template.json"),
                rootWithoutUrl.formatted("not read"));
        Files.writeString(assembly.resolve("appmesandbox1234function5A6B.nested.template.json"), nested);
        BackendOutput outputs = new BackendOutput(Map.of(BackendOutput.FUNCTION, new BackendOutput.Entry("1",
                Map.of("definedFunctions", "[\"app-me-sandbox-sayhello-AbC1\",\"app-me-sandbox-report-XyZ2\","
                        + "\"app-me-sandbox-untagged-QrS3\"]"))));
        try (LocalAws localAws = LocalAws.start()) {
            AwsConnection connection = AwsConnection.local(localAws.endpoint(), LocalAws.REGION,
                    LocalAws.ACCESS_KEY_ID, LocalAws.SECRET_ACCESS_KEY);
            try (S3Client s3 = connection.s3().build();
                    CloudFormationClient cfn = connection.configure(CloudFormationClient.builder()).build()) {
                s3.createBucket(r -> r.bucket("templates"));
                s3.putObject(r -> r.bucket("templates").key("nested.json"), RequestBody.fromString(nested));
                cfn.createStack(r -> r.stackName("amplify-app-me-sandbox-1234").capabilitiesWithStrings(
                        "CAPABILITY_IAM").templateBody(rootWithoutUrl.formatted(
                                localAws.endpoint() + "/templates/nested.json")));
                cfn.waiter().waitUntilStackCreateComplete(r -> r.stackName("amplify-app-me-sandbox-1234"));

                assertThat(SandboxFunctions.deployed(outputs, cfn, "amplify-app-me-sandbox-1234", assembly))
                        .containsExactly(
                                new FunctionLogStream.LoggedFunction("say-hello",
                                        "/aws/lambda/app-me-sandbox-sayhello-AbC1"),
                                new FunctionLogStream.LoggedFunction("report",
                                        "/aws/lambda/app-me-sandbox-report-XyZ2"),
                                new FunctionLogStream.LoggedFunction("app-me-sandbox-untagged-QrS3",
                                        "/aws/lambda/app-me-sandbox-untagged-QrS3"));
            }
        }
    }

    @Test
    void aBackendWithoutFunctionsHasNoneToStream(@TempDir Path assembly) {
        assertThat(SandboxFunctions.deployed(new BackendOutput(Map.of()), null, "unused", assembly)).isEmpty();
    }
}
