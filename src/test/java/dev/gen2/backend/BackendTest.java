package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;

class BackendTest {

    private static final ResourceFactory<Stack> QUEUE_STACK = backend -> {
        Stack stack = backend.stackFor("custom-queues", "custom");
        // SSL-only, with a dead-letter queue: what cdk-nag's AwsSolutions pack (run by TestBackends) asks of a queue
        Queue failed = Queue.Builder.create(stack, "FailedJobs").enforceSsl(true).removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Queue.Builder.create(stack, "Jobs").enforceSsl(true).removalPolicy(RemovalPolicy.RETAIN)
                .deadLetterQueue(DeadLetterQueue.builder().queue(failed).maxReceiveCount(3).build()).build();
        return stack;
    };

    @Test
    void rootStackIsNamedFromTheContextAndDescribedAsAmplifyDoes() {
        Backend backend = TestBackends.sandbox();
        assertThat(backend.rootStack().getStackName()).isEqualTo("amplify-testapp-dev-sandbox-1a98428f66");
        Template root = TestBackends.template(backend.rootStack());
        assertThat(root.toJSON().get("Description").toString())
                .contains("\"createdBy\":\"AmplifySandbox\"").contains("\"stackType\":\"root\"");
    }

    @Test
    void platformOutputsAreRecordedWithAmplifysMetadata() {
        Template root = TestBackends.template(TestBackends.sandbox().rootStack());
        root.hasOutput("deploymentType", Map.of("Value", "sandbox"));
        root.hasOutput("region", Map.of("Value", Map.of("Ref", "AWS::Region")));
        assertThat(root.toJSON().get("Metadata")).isEqualTo(Map.of("AWS::Amplify::Platform",
                Map.of("version", "1", "stackOutputs", List.of("deploymentType", "region"))));
    }

    @Test
    void nestedStackLogicalIdsAreShortenedLikeAmplifys() {
        Backend backend = TestBackends.sandbox(QUEUE_STACK);
        backend.stackFor("auth", "auth-Cognito");
        Template root = TestBackends.template(backend.rootStack());
        assertThat(root.findResources("AWS::CloudFormation::Stack").keySet())
                .contains("auth179371D7")
                .anyMatch(id -> id.matches("customqueues[0-9A-F]{8}"));
    }

    @Test
    void sandboxDestroysEveryResource() {
        Backend backend = TestBackends.sandbox(QUEUE_STACK);
        Template nested = TestBackends.template(backend.get(QUEUE_STACK));
        nested.hasResource("AWS::SQS::Queue", Map.of("DeletionPolicy", "Delete", "UpdateReplacePolicy", "Delete"));
    }

    @Test
    void branchKeepsTheConstructsOwnRemovalPolicies() {
        Backend backend = Backend.define(TestBackends.app("app123", "main", DeploymentType.BRANCH), QUEUE_STACK);
        Template nested = TestBackends.template(backend.get(QUEUE_STACK));
        nested.hasResource("AWS::SQS::Queue", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void branchStacksCarryAmplifysTags() {
        Backend backend = Backend.define(TestBackends.app("app123", "main", DeploymentType.BRANCH), QUEUE_STACK);
        Template nested = TestBackends.template(backend.get(QUEUE_STACK));
        nested.hasResourceProperties("AWS::SQS::Queue", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "amplify:app-id", "Value", "app123"),
                Map.of("Key", "amplify:branch-name", "Value", "main"),
                Map.of("Key", "amplify:deployment-type", "Value", "branch"),
                Map.of("Key", "created-by", "Value", "amplify")))));
        assertThat(TestBackends.template(backend.rootStack()).toJSON().get("Description").toString())
                .contains("\"createdBy\":\"AmplifyPipelineDeploy\"");
    }

    @Test
    void createStackRefusesANameUsedTwice() {
        Backend backend = TestBackends.sandbox();
        backend.createStack("analytics");
        assertThatThrownBy(() -> backend.createStack("analytics"))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Custom stack named analytics has already been created");
        backend.stackFor("auth", "auth-Cognito");
        assertThatThrownBy(() -> backend.createStack("auth"))
                .hasMessageContaining("Custom stack named auth has already been created");
    }

    @Test
    void addOutputMergesCallsIntoOneCustomOutput() {
        Backend backend = TestBackends.sandbox();
        backend.addOutput(Map.of("custom", Map.of("apiUrl", "https://api.example.com", "tags", List.of("a"))));
        backend.addOutput(Map.of("version", "1.5", "custom", Map.of("tags", List.of("b"), "stage", "dev")));
        Template root = TestBackends.template(backend.rootStack());
        root.hasOutput("customOutputs", Map.of("Value",
                "{\"custom\":{\"apiUrl\":\"https://api.example.com\",\"stage\":\"dev\",\"tags\":[\"a\",\"b\"]},"
                        + "\"version\":\"1.5\"}"));
        assertThat(backend.outputs().stackOutputs("AWS::Amplify::Custom")).containsExactly("customOutputs");
    }

    @Test
    void addOutputDefaultsToVersion14AndRejectsClashes() {
        Backend backend = TestBackends.sandbox();
        backend.addOutput(Map.of("custom", Map.of("apiUrl", "https://a.example.com")));
        assertThat(TestBackends.template(backend.rootStack()).findOutputs("customOutputs").toString())
                .contains("\"version\":\"1.4\"");
        assertThatThrownBy(() -> backend.addOutput(Map.of("custom", Map.of("apiUrl", "https://b.example.com"))))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Output entry with key custom.apiUrl already exists");
        assertThatThrownBy(() -> backend.addOutput(Map.of("version", "2", "custom", Map.of("x", "y"))))
                .hasMessageContaining("Conflicting versions of client configuration found");
    }

    @Test
    void onlyOneResourceOfASingletonKindIsAllowed() {
        ResourceFactory<String> first = singleton("auth");
        ResourceFactory<String> second = singleton("auth");
        assertThatThrownBy(() -> TestBackends.sandbox(first, second))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Multiple auth resources are not allowed within a backend");
    }

    @Test
    void resourcesReferencingEachOtherInACircleAreReported() {
        ResourceFactory<?>[] pair = new ResourceFactory<?>[2];
        pair[0] = backend -> backend.get(pair[1]);
        pair[1] = backend -> backend.get(pair[0]);
        assertThatThrownBy(() -> TestBackends.sandbox(pair[0], pair[1]))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("reference each other in a circle");
    }

    @Test
    void aReferencedResourceIsBuiltOnceEvenWhenNotGivenToDefine() {
        AtomicInteger builds = new AtomicInteger();
        ResourceFactory<String> referenced = backend -> "built " + builds.incrementAndGet();
        Backend backend = TestBackends.sandbox(b -> b.get(referenced), b -> b.get(referenced));
        assertThat(backend.get(referenced)).isEqualTo("built 1");
        assertThat(builds).hasValue(1);
    }

    @Test
    void aRoleTrustingCognitoWithoutConditionsFailsSynth() {
        Backend backend = TestBackends.sandbox();
        Stack custom = backend.createStack("roles");
        Role.Builder.create(custom, "LooseRole").assumedBy(new FederatedPrincipal("cognito-identity.amazonaws.com",
                Map.of(), "sts:AssumeRoleWithWebIdentity")).build();
        assertThatThrownBy(() -> Template.fromStack(backend.rootStack()))
                .hasMessageContaining("LooseRole")
                .hasMessageContaining("trusts cognito-identity.amazonaws.com without the conditions");
    }

    @Test
    void aNullAppOrFactoryIsAConfigError() {
        TestBackends.assertConfigError(() -> Backend.define(null), "Backend.define", "The App is null.");
        TestBackends.assertConfigError(() -> TestBackends.sandbox(QUEUE_STACK, null), "Backend.define",
                "A resource factory is null.");
        TestBackends.assertConfigError(() -> TestBackends.sandbox((ResourceFactory<?>[]) null), "Backend.define",
                "A resource factory is null.");
    }

    /** A resource file whose static field holds a bad definition, as a user's {@code AuthConfig.AUTH} may. */
    private static final class BadResourceFile {
        static final ResourceFactory<String> BAD = badDefinition();

        private static ResourceFactory<String> badDefinition() {
            throw new BackendConfigException("auth.loginWith", "At least one of email or phone must be enabled.",
                    "call loginWithEmail() or loginWithPhone() (or both).");
        }
    }

    @Test
    void aBadDefinitionInAStaticFieldIsOneLineFromMain() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Backend.synth(app -> Backend.define(app, BadResourceFile.BAD),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("Backend definition error:"
                + " auth.loginWith: At least one of email or phone must be enabled. Fix: call loginWithEmail() or"
                + " loginWithPhone() (or both).");
        assertThat(Backend.synth(app -> { }, new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
    }

    @Test
    void resourceNamesFollowAmplifysRule() {
        assertThat(ResourceNames.validate("auth.name", "my-Auth_1 x")).isEqualTo("my-Auth_1 x");
        assertThatThrownBy(() -> ResourceNames.validate("storage.name", "1bucket"))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Resource name contains invalid characters, found 1bucket");
    }

    private static ResourceFactory<String> singleton(String kind) {
        return new ResourceFactory<>() {
            @Override
            public String build(BackendContext backend) {
                return kind;
            }

            @Override
            public Optional<String> singletonKind() {
                return Optional.of(kind);
            }
        };
    }
}
