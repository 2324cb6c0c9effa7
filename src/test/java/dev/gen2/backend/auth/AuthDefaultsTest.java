package dev.gen2.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** {@code defineAuth({ loginWith: { email: true } })}: every resource and value Amplify Gen 2 synthesizes. */
class AuthDefaultsTest {
    private static Template auth;
    private static Template root;

    @BeforeAll
    static void synthesize() {
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()));
        auth = TestBackends.nestedTemplate(backend, "auth");
        root = TestBackends.template(backend.rootStack());
    }

    @Test
    void createsAmplifysDefaultResourcesAndNoOthers() {
        auth.resourceCountIs("AWS::Cognito::UserPool", 1);
        auth.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        auth.resourceCountIs("AWS::Cognito::IdentityPool", 1);
        auth.resourceCountIs("AWS::Cognito::IdentityPoolRoleAttachment", 1);
        auth.resourceCountIs("AWS::IAM::Role", 2);
        assertThat((Map<?, ?>) auth.toJSON().get("Resources")).hasSize(6);
    }

    @Test
    void userPoolHasAmplifysLogicalIdsAndProperties() {
        assertThat(auth.findResources("AWS::Cognito::UserPool").keySet())
                .containsExactly("amplifyAuthUserPool4BA7F805");
        auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "UsernameConfiguration", Map.of("CaseSensitive", false),
                "UsernameAttributes", List.of("email"),
                "AutoVerifiedAttributes", List.of("email"),
                "UserAttributeUpdateSettings", Map.of("AttributesRequireVerificationBeforeUpdate", List.of("email")),
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false),
                "Policies", Map.of("PasswordPolicy", Map.of("MinimumLength", 8, "RequireLowercase", true,
                        "RequireUppercase", true, "RequireNumbers", true, "RequireSymbols", true)),
                "Schema", List.of(Map.of("Name", "email", "Required", true, "Mutable", true)),
                "AccountRecoverySetting", Map.of("RecoveryMechanisms",
                        List.of(Map.of("Name", "verified_email", "Priority", 1))),
                "SmsVerificationMessage", "The verification code to your new account is {####}"));
        auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "MfaConfiguration", Match.absent(),
                "UserPoolName", Match.absent(),
                "DeletionProtection", Match.absent(),
                "EmailConfiguration", Match.absent()));
        auth.hasResource("AWS::Cognito::UserPool", Map.of("DeletionPolicy", "Delete",
                "UpdateReplacePolicy", "Delete"));
    }

    @Test
    void appClientIsAmplifysPublicSrpClientWithTheCodeFlow() {
        auth.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "ExplicitAuthFlows", List.of("ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
                "PreventUserExistenceErrors", "ENABLED",
                "AllowedOAuthFlows", List.of("code"),
                "AllowedOAuthFlowsUserPoolClient", true,
                "CallbackURLs", List.of("https://example.com"),
                "AllowedOAuthScopes", List.of("profile", "phone", "email", "openid", "aws.cognito.signin.user.admin"),
                "SupportedIdentityProviders", List.of("COGNITO")));
        auth.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "GenerateSecret", Match.absent(),
                "LogoutURLs", Match.absent(),
                "AccessTokenValidity", Match.absent()));
    }

    @Test
    void identityPoolAllowsGuestsAndTrustsTheUserPoolClient() {
        auth.hasResourceProperties("AWS::Cognito::IdentityPool", Map.of(
                "AllowUnauthenticatedIdentities", true,
                "CognitoIdentityProviders", List.of(Map.of(
                        "ClientId", Map.of("Ref", "amplifyAuthUserPoolAppClient2626C6F8"),
                        "ProviderName", Map.of("Fn::Join", List.of("", List.of("cognito-idp.", Map.of("Ref",
                                "AWS::Region"), ".amazonaws.com/", Map.of("Ref", "amplifyAuthUserPool4BA7F805"))))))));
        auth.hasResourceProperties("AWS::Cognito::IdentityPool", Map.of("IdentityPoolName", Match.absent()));
    }

    @Test
    void rolesTrustOnlyThisIdentityPool() {
        for (String amr : List.of("authenticated", "unauthenticated")) {
            auth.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                    List.of(Map.of(
                            "Action", "sts:AssumeRoleWithWebIdentity",
                            "Effect", "Allow",
                            "Principal", Map.of("Federated", "cognito-identity.amazonaws.com"),
                            "Condition", Map.of(
                                    "StringEquals", Map.of("cognito-identity.amazonaws.com:aud",
                                            Map.of("Ref", "amplifyAuthIdentityPool3FDE84CC")),
                                    "ForAnyValue:StringLike", Map.of("cognito-identity.amazonaws.com:amr", amr)))))));
        }
        auth.hasResourceProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent(),
                "Policies", Match.absent()));
    }

    @Test
    void roleAttachmentMapsTokensToRoles() {
        auth.hasResourceProperties("AWS::Cognito::IdentityPoolRoleAttachment", Map.of(
                "IdentityPoolId", Map.of("Ref", "amplifyAuthIdentityPool3FDE84CC"),
                "Roles", Map.of(
                        "authenticated", Map.of("Fn::GetAtt", List.of("amplifyAuthauthenticatedUserRoleD8DA3689", "Arn")),
                        "unauthenticated", Map.of("Fn::GetAtt",
                                List.of("amplifyAuthunauthenticatedUserRole2B524D9E", "Arn"))),
                "RoleMappings", Map.of("UserPoolWebClientRoleMapping", Map.of(
                        "Type", "Token",
                        "AmbiguousRoleResolution", "AuthenticatedRole",
                        "IdentityProvider", Match.anyValue()))));
    }

    @Test
    void recordsAmplifysTwentyOneAuthOutputs() {
        Map<String, Map<String, Object>> outputs = root.findOutputs("*");
        List<String> authOutputs = List.of("userPoolId", "webClientId", "identityPoolId", "authRegion",
                "allowUnauthenticatedIdentities", "signupAttributes", "usernameAttributes", "verificationMechanisms",
                "passwordPolicyMinLength", "passwordPolicyRequirements", "mfaConfiguration", "mfaTypes",
                "passwordlessOptions", "socialProviders", "oauthCognitoDomain", "oauthScope", "oauthRedirectSignIn",
                "oauthRedirectSignOut", "oauthResponseType", "oauthClientId", "groups");
        assertThat(outputs.keySet()).containsAll(authOutputs);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) root.toJSON().get("Metadata"))
                .get("AWS::Amplify::Auth");
        assertThat(metadata).containsEntry("version", "1").containsEntry("stackOutputs", authOutputs);
    }

    @Test
    void outputValuesDescribeTheDefaults() {
        Map<String, Object> expected = Map.ofEntries(
                Map.entry("allowUnauthenticatedIdentities", "true"),
                Map.entry("signupAttributes", "[\"email\"]"),
                Map.entry("usernameAttributes", "[\"email\"]"),
                Map.entry("verificationMechanisms", "[\"email\"]"),
                Map.entry("passwordPolicyMinLength", "8"),
                Map.entry("passwordPolicyRequirements",
                        "[\"REQUIRES_NUMBERS\",\"REQUIRES_LOWERCASE\",\"REQUIRES_UPPERCASE\",\"REQUIRES_SYMBOLS\"]"),
                Map.entry("mfaConfiguration", "OFF"),
                Map.entry("mfaTypes", "[]"),
                Map.entry("passwordlessOptions", ""),
                Map.entry("socialProviders", ""),
                Map.entry("oauthCognitoDomain", ""),
                Map.entry("oauthScope", "[\"profile\",\"phone\",\"email\",\"openid\",\"aws.cognito.signin.user.admin\"]"),
                Map.entry("oauthRedirectSignIn", "https://example.com"),
                Map.entry("oauthRedirectSignOut", ""),
                Map.entry("oauthResponseType", "code"),
                Map.entry("groups", "[]"));
        expected.forEach((name, value) -> root.hasOutput(name, Map.of("Value", value)));
        root.hasOutput("authRegion", Map.of("Value", Map.of("Ref", "AWS::Region")));
        root.hasOutput("userPoolId", Map.of("Value", Map.of("Fn::GetAtt", List.of("auth179371D7",
                Match.stringLikeRegexp("Outputs\\..*amplifyAuthUserPool.*Ref")))));
    }

    @Test
    void aBranchKeepsItsPoolsAndProtectsTheUserPool() {
        for (DeploymentType type : List.of(DeploymentType.BRANCH, DeploymentType.STANDALONE)) {
            Backend backend = Backend.define(TestBackends.app("app1", "main", type),
                    AuthResource.define(a -> a.loginWithEmail()));
            Template auth = TestBackends.nestedTemplate(backend, "auth");
            auth.hasResource("AWS::Cognito::UserPool", Map.of("DeletionPolicy", "Retain",
                    "UpdateReplacePolicy", "Retain", "Properties", Match.objectLike(Map.of(
                            "DeletionProtection", "ACTIVE"))));
            auth.hasResource("AWS::Cognito::IdentityPool", Map.of("DeletionPolicy", "Retain",
                    "UpdateReplacePolicy", "Retain"));
            assertThat(auth.toJSON().get("Description").toString()).contains("\"stackType\":\"auth-Cognito\"");
        }
    }

    @Test
    void aBranchCanChooseToDeleteItsPools() {
        Backend backend = Backend.define(TestBackends.app("app1", "main", DeploymentType.BRANCH),
                AuthResource.define(a -> a.loginWithEmail().keepOnDelete(false).deletionProtection(false)));
        Template auth = TestBackends.nestedTemplate(backend, "auth");
        auth.hasResource("AWS::Cognito::UserPool", Map.of("DeletionPolicy", "Delete", "Properties",
                Match.objectLike(Map.of("DeletionProtection", Match.absent()))));
        auth.hasResource("AWS::Cognito::IdentityPool", Map.of("DeletionPolicy", "Delete"));
    }
}
