package dev.gen2.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.Backend;
import dev.gen2.backend.BackendAuth;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.TestBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ReferenceAuthTest {
    private static final String AUTH_ROLE = "arn:aws:iam::123456789012:role/auth";
    private static final String UNAUTH_ROLE = "arn:aws:iam::123456789012:role/unauth";
    private static final String ADMINS_ROLE = "arn:aws:iam::123456789012:role/admins";
    private static final ReferenceAuth.Factory REFERENCE = ReferenceAuth.define(ref -> ref
            .userPoolId("us-east-1_Ab12Cd34E")
            .userPoolClientId("5n1m2o3p4q5r6s7t8u9v0w1x2y")
            .identityPoolId("us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b")
            .authRoleArn(AUTH_ROLE)
            .unauthRoleArn(UNAUTH_ROLE)
            .group("ADMINS", ADMINS_ROLE));

    private static Backend backend;
    private static Template auth;
    private static Template root;

    @BeforeAll
    static void synthesize() {
        backend = TestBackends.sandbox(REFERENCE);
        auth = TestBackends.nestedTemplate(backend, "auth");
        root = TestBackends.template(backend.rootStack());
    }

    @Test
    void createsNoCognitoResourcesOnlyTheDescribingCustomResource() {
        assertThat(auth.findResources("AWS::Cognito::UserPool")).isEmpty();
        assertThat(auth.findResources("AWS::Cognito::IdentityPool")).isEmpty();
        auth.resourceCountIs("Custom::AmplifyRefAuth", 1);
        auth.hasResourceProperties("Custom::AmplifyRefAuth", Map.of(
                "userPoolId", "us-east-1_Ab12Cd34E",
                "userPoolClientId", "5n1m2o3p4q5r6s7t8u9v0w1x2y",
                "identityPoolId", "us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b",
                "authRoleArn", AUTH_ROLE,
                "unauthRoleArn", UNAUTH_ROLE,
                "groups", Map.of("ADMINS", ADMINS_ROLE),
                "region", Map.of("Ref", "AWS::Region")));
    }

    @Test
    void describingFunctionRunsNode24AndMayOnlyReadThesePools() {
        auth.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "nodejs24.x",
                "Handler", "index.handler", "Timeout", 10));
        auth.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Effect", "Allow",
                        "Action", List.of("cognito-idp:DescribeUserPool", "cognito-idp:GetUserPoolMfaConfig",
                                "cognito-idp:ListIdentityProviders", "cognito-idp:ListGroups",
                                "cognito-idp:DescribeUserPoolClient"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":cognito-idp:", Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"),
                                ":userpool/us-east-1_Ab12Cd34E")))),
                Map.of("Effect", "Allow",
                        "Action", List.of("cognito-identity:DescribeIdentityPool",
                                "cognito-identity:GetIdentityPoolRoles"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":cognito-identity:", Map.of("Ref", "AWS::Region"), ":",
                                Map.of("Ref", "AWS::AccountId"),
                                ":identitypool/us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"))))))));
    }

    @Test
    void recordsTheSameAuthOutputsAsAnOwnedPool() {
        root.hasOutput("userPoolId", Map.of("Value", "us-east-1_Ab12Cd34E"));
        root.hasOutput("webClientId", Map.of("Value", "5n1m2o3p4q5r6s7t8u9v0w1x2y"));
        root.hasOutput("identityPoolId", Map.of("Value", "us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"));
        for (String field : AuthOutputs.DESCRIBED_FIELDS) {
            root.hasOutput(field, Map.of("Value", Map.of("Fn::GetAtt", List.of("auth179371D7",
                    Match.stringLikeRegexp("Outputs\\..*AmplifyRefAuthCustomResource.*" + field)))));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) root.toJSON().get("Metadata"))
                .get("AWS::Amplify::Auth");
        @SuppressWarnings("unchecked")
        List<String> stackOutputs = (List<String>) metadata.get("stackOutputs");
        assertThat(stackOutputs).hasSize(21).startsWith("userPoolId", "webClientId", "identityPoolId", "authRegion");
    }

    @Test
    void servesAsTheBackendsAuth() {
        BackendAuth backendAuth = backend.auth().orElseThrow();
        assertThat(backendAuth).isInstanceOf(ReferenceAuth.class);
        assertThat(backendAuth.authenticatedUserRole().getRoleArn()).isEqualTo(AUTH_ROLE);
        assertThat(backendAuth.groupRoles()).containsOnlyKeys("ADMINS");
        assertThat(backendAuth.groupRoles().get("ADMINS").getRoleArn()).isEqualTo(ADMINS_ROLE);
    }

    @Test
    void badIdsFailAtOnce() {
        assertThatThrownBy(() -> ReferenceAuth.define(ref -> ref.userPoolId("not a pool")
                .userPoolClientId("abc").identityPoolId("us-east-1:0f1e").authRoleArn(AUTH_ROLE)
                .unauthRoleArn(UNAUTH_ROLE)))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageStartingWith("referenceAuth.userPoolId: 'not a pool' is not a valid value here.");
        assertThatThrownBy(() -> ReferenceAuth.define(ref -> ref.userPoolId("us-east-1_Ab12Cd34E")
                .userPoolClientId("abc").identityPoolId("us-east-1:0f1e").authRoleArn(AUTH_ROLE)))
                .hasMessageStartingWith("referenceAuth.unauthRoleArn: The value is missing.");
        assertThatThrownBy(() -> ReferenceAuth.define(ref -> ref.userPoolId("us-east-1_Ab12Cd34E")
                .userPoolClientId("abc").identityPoolId("us-east-1:0f1e").authRoleArn(AUTH_ROLE)
                .unauthRoleArn(UNAUTH_ROLE).group("ADMINS", "admins")))
                .hasMessageStartingWith("referenceAuth.groups['ADMINS']: 'admins' is not a valid value here.");
    }

    @Test
    void aBackendHasEitherItsOwnAuthOrAReferencedOne() {
        assertThatThrownBy(() -> TestBackends.sandbox(REFERENCE, AuthResource.define(a -> a.loginWithEmail())))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Multiple auth resources are not allowed within a backend");
    }
}
