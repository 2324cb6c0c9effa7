package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * cdk-nag's AwsSolutions pack over the backends the tests build (TestBackends runs it on every app it makes): a
 * finding nobody accepted fails the test, and every finding the backend accepts carries its reason on the resource.
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
    }
}
