package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.outputs.JsonText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * The local AWS refuses what AWS refuses, rather than completing a stack that AWS would fail: a test deployed to
 * an emulator that accepts anything proves nothing. Each template is created through CloudFormation's API.
 */
class LocalAwsRefusalsTest {
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
    void aCustomResourceItCannotRunFailsTheStackNamingIt() {
        Stack stack = create("unknown-custom", Map.of("Thing", Map.of("Type", "Custom::SomethingElse",
                "Properties", Map.of("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:x"))));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(stack.stackStatusReason()).contains("Thing").contains("Custom::SomethingElse");
    }

    @Test
    void anAppSyncSchemaThatDoesNotBuildFailsTheStack() {
        Stack stack = create("bad-schema", Map.of(
                "Api", Map.of("Type", "AWS::AppSync::GraphQLApi", "Properties", Map.of("Name", "api",
                        "AuthenticationType", "API_KEY")),
                "Schema", Map.of("Type", "AWS::AppSync::GraphQLSchema", "Properties", Map.of(
                        "ApiId", Map.of("Fn::GetAtt", List.of("Api", "ApiId")),
                        "Definition", "type Query { note: Nowhere }"))));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(stack.stackStatusReason()).contains("Schema Creation Status is FAILED")
                .contains("Unknown type 'Nowhere'");
    }

    @Test
    void aUserPoolWithDeletionProtectionIsNotDeletedWithItsStack() {
        Stack stack = create("protected-pool", Map.of("Pool", Map.of("Type", "AWS::Cognito::UserPool",
                "Properties", Map.of("UserPoolName", "kept", "DeletionProtection", "ACTIVE"))));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        cloudFormation.deleteStack(request -> request.stackName("protected-pool"));
        Stack afterDelete = describe("protected-pool");
        assertThat(afterDelete.stackStatus()).isEqualTo(StackStatus.DELETE_FAILED);
        assertThat(afterDelete.stackStatusReason()).contains("deletion protection");
        assertThat(new LocalAwsApi(aws).userPoolIds()).hasSize(1);
    }

    private static Stack create(String name, Map<String, Object> resources) {
        cloudFormation.createStack(request -> request.stackName(name)
                .templateBody(JsonText.stringify(Map.of("Resources", resources), 0)));
        return describe(name);
    }

    private static Stack describe(String name) {
        return cloudFormation.describeStacks(request -> request.stackName(name)).stacks().get(0);
    }
}
