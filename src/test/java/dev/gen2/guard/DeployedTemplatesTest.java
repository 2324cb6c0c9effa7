package dev.gen2.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * What the guard reads as deployed, from a CloudFormation that answers with stacks in given states: a stack that
 * does not exist or whose first deploy rolled back holds nothing; a nested stack that was never created holds
 * nothing; the others are read by their physical ids, each stack's resources listed once.
 */
class DeployedTemplatesTest {
    private static final String ROOT = "amplify-app1-main-branch-0123456789";
    private static final String ROOT_TEMPLATE = "{\"Resources\": {\"auth1\": {\"Type\": \"AWS::CloudFormation::Stack\"},"
            + " \"data1\": {\"Type\": \"AWS::CloudFormation::Stack\"}}}";
    private static final String AUTH_TEMPLATE = "{\"Resources\": {\"Pool\": {\"Type\": \"AWS::Cognito::UserPool\"}}}";

    private final List<String> calls = new ArrayList<>();

    @Test
    void aStackThatDoesNotExistIsNotDeployed() {
        assertThat(DeployedTemplates.read(cloudFormation(null, Map.of()), ROOT)).isEmpty();
    }

    @Test
    void aStackWhoseFirstDeployRolledBackHoldsNothing() {
        assertThat(DeployedTemplates.read(cloudFormation(StackStatus.ROLLBACK_COMPLETE, Map.of()), ROOT)).isEmpty();
        assertThat(calls).containsExactly("DescribeStacks " + ROOT);
    }

    @Test
    void nestedStacksAreReadByTheirPhysicalIdsAndOneNeverCreatedHoldsNothing() {
        StackTemplates templates = DeployedTemplates.read(cloudFormation(StackStatus.UPDATE_ROLLBACK_COMPLETE,
                Map.of("auth1", ResourceStatus.UPDATE_COMPLETE, "data1", ResourceStatus.CREATE_FAILED)), ROOT)
                .orElseThrow();
        assertThat(templates.templates()).containsOnlyKeys("", "auth1", "data1");
        assertThat(templates.templates().get("data1").path("Resources").isMissingNode()).isTrue();
        assertThat(templates.resources()).extracting(StackTemplates.Resource::address)
                .containsExactly("auth1", "data1", "auth1/Pool");
        assertThat(calls).containsExactly("DescribeStacks " + ROOT, "GetTemplate " + ROOT,
                "ListStackResources " + ROOT, "GetTemplate arn:auth1");
    }

    /** A CloudFormation client answering for the root stack in {@code status} (null: no such stack). */
    private CloudFormationClient cloudFormation(StackStatus status, Map<String, ResourceStatus> nested) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object request = args == null ? null : args[0];
            if (request instanceof DescribeStacksRequest describe) {
                calls.add("DescribeStacks " + describe.stackName());
                if (status == null) {
                    throw CloudFormationException.builder().awsErrorDetails(AwsErrorDetails.builder()
                            .errorMessage("Stack with id " + describe.stackName() + " does not exist").build()).build();
                }
                return DescribeStacksResponse.builder().stacks(Stack.builder().stackName(ROOT).stackStatus(status)
                        .build()).build();
            }
            if (request instanceof GetTemplateRequest get) {
                calls.add("GetTemplate " + get.stackName());
                return GetTemplateResponse.builder().templateBody(get.stackName().equals(ROOT) ? ROOT_TEMPLATE
                        : AUTH_TEMPLATE).build();
            }
            if (request instanceof ListStackResourcesRequest list && method.getName().equals("listStackResources")) {
                calls.add("ListStackResources " + list.stackName());
                return ListStackResourcesResponse.builder().stackResourceSummaries(nested.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> StackResourceSummary.builder().logicalResourceId(entry.getKey())
                                .physicalResourceId("arn:" + entry.getKey()).resourceStatus(entry.getValue()).build())
                        .toList()).build();
            }
            // the SDK's overloads taking a request builder (and the paginators) end in the calls above
            return InvocationHandler.invokeDefault(proxy, method, args);
        };
        return (CloudFormationClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CloudFormationClient.class}, handler);
    }
}
