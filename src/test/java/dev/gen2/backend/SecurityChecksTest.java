package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * cdk-nag 3's AwsSolutions pack over the backends the tests build (TestBackends adds it to every app it makes): a
 * finding nobody accepted fails the test, and every finding the backend accepts carries its reason on the resource,
 * for cdk-nag 3 (acknowledgments in the construct tree) and cdk-nag 2 (the template's metadata).
 */
class SecurityChecksTest {

    @Test
    void aFindingNobodyAcceptedFailsTheTest() {
        ResourceFactory<Stack> plainQueue = backend -> {
            Stack stack = backend.stackFor("custom-queues", "custom");
            Queue.Builder.create(stack, "Plain").build();
            return stack;
        };
        Backend backend = TestBackends.sandbox(plainQueue);
        assertThatThrownBy(() -> TestBackends.template(backend.get(plainQueue)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cdk-nag AwsSolutions errors without a reason the backend accepts")
                .hasMessageContaining("custom-queues/Plain/Resource: AwsSolutions-SQS4");
    }

    @Test
    void theSampleAcceptsOnlyReasonedFindingsAndNoneOnItsOwnChoices() {
        Backend backend = amplify.BackendApp.define(TestBackends.app(DeploymentType.BRANCH));
        List<Map<?, ?>> suppressions = new ArrayList<>();
        for (String group : List.of("auth", "data", "storage", "function")) {
            Template template = TestBackends.nestedTemplate(backend, group);
            for (Object resource : ((Map<?, ?>) template.toJSON().get("Resources")).values()) {
                if (((Map<?, ?>) resource).get("Metadata") instanceof Map<?, ?> metadata
                        && metadata.get(SecurityCheckSuppressions.METADATA_KEY) instanceof Map<?, ?> nag) {
                    ((List<?>) nag.get("rules_to_suppress")).forEach(rule -> suppressions.add((Map<?, ?>) rule));
                }
            }
        }
        assertThat(suppressions).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.get("id").toString()).startsWith("AwsSolutions-");
            assertThat(rule.get("reason").toString()).hasSizeGreaterThan(60);
        });
        assertThat(suppressions.stream().map(rule -> rule.get("id").toString()).toList()).contains("AwsSolutions-COG7",
                "AwsSolutions-COG3", "AwsSolutions-S1", "AwsSolutions-ASC3", "AwsSolutions-IAM5", "AwsSolutions-L1",
                "AwsSolutions-IAM4");
        assertThat(suppressions.stream().map(rule -> rule.get("id").toString()).toList())
                .as("a rule only cdk-nag 3 has leaves the template as it was").doesNotContain("AwsSolutions-COG8");

        Map<String, String> acknowledged = new LinkedHashMap<>();
        for (IConstruct node : backend.rootStack().getNode().findAll()) {
            for (MetadataEntry entry : node.getNode().getMetadata()) {
                if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())) {
                    ((Map<?, ?>) entry.getData()).forEach((id, reason) -> acknowledged.put(node.getNode().getPath()
                            + " " + id, reason.toString()));
                }
            }
        }
        assertThat(acknowledged).as("cdk-nag 3's acknowledgments, one per finding").isNotEmpty()
                .allSatisfy((id, reason) -> {
                    assertThat(id).contains(" AwsSolutions-");
                    assertThat(reason).hasSizeGreaterThan(60);
                });
        assertThat(acknowledged.keySet()).anyMatch(id -> id.endsWith("/UserPool/Resource AwsSolutions-COG8"))
                .anyMatch(id -> id.contains(" AwsSolutions-IAM5[Resource::<") && id.endsWith(":*]"))
                .anyMatch(id -> id.contains(" AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
                        + "service-role/AWSLambdaBasicExecutionRole]"));
    }

    @Test
    void aGranularFindingIsNamedAsCdkNagNamesIt() {
        assertThat(SecurityCheckFindings.flatten(Map.of("Ref", "Bucket83908E77"))).isEqualTo("<Bucket83908E77>");
        assertThat(SecurityCheckFindings.flatten(Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt",
                List.of("Bucket83908E77", "Arn")), "/public/*"))))).isEqualTo("<Bucket83908E77.Arn>/public/*");
        assertThat(SecurityCheckFindings.flatten(Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::b/*")))
                .isEqualTo("arn:<AWS::Partition>:s3:::b/*");
        assertThat(SecurityCheckFindings.flatten("*")).isEqualTo("*");
    }
}
