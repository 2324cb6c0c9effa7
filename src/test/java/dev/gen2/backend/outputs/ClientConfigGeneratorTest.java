package dev.gen2.backend.outputs;

import static dev.gen2.testing.FakeDeployment.CLIENT_ID;
import static dev.gen2.testing.FakeDeployment.IDENTITY_POOL_ID;
import static dev.gen2.testing.FakeDeployment.USER_POOL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.Backend;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.SecurityCheckSuppressions;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.testing.FakeDeployment;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.services.cognito.CfnUserPool;

class ClientConfigGeneratorTest {
    private static BackendOutput emailOnly;
    private static BackendOutput fullAuth;
    private static BackendOutput passwordless;

    @BeforeAll
    static void deploy() {
        emailOnly = SynthesizedBackends.emailOnly();
        fullAuth = SynthesizedBackends.fullAuth();
        passwordless = SynthesizedBackends.passwordless();
    }

    @Test
    void emailOnlyAuthIsWrittenAsAmplifyWritesIt() {
        String json = OutputsFormat.JSON.render(ClientConfigGenerator.generate(emailOnly, ClientConfigVersion.V1_5),
                ClientConfigVersion.V1_5);
        assertThat(json).isEqualTo("""
                {
                  "auth": {
                    "user_pool_id": "us-east-1_Ab12Cd34E",
                    "aws_region": "us-east-1",
                    "user_pool_client_id": "5n1m2o3p4q5r6s7t8u9v0w1x2y",
                    "identity_pool_id": "us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b",
                    "mfa_methods": [],
                    "standard_required_attributes": [
                      "email"
                    ],
                    "username_attributes": [
                      "email"
                    ],
                    "user_verification_types": [
                      "email"
                    ],
                    "groups": [],
                    "mfa_configuration": "NONE",
                    "password_policy": {
                      "min_length": 8,
                      "require_lowercase": true,
                      "require_numbers": true,
                      "require_symbols": true,
                      "require_uppercase": true
                    },
                    "unauthenticated_identities_enabled": true
                  },
                  "version": "1.5"
                }""");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fullAuthHasEveryField() {
        Map<String, Object> auth = (Map<String, Object>) ClientConfigGenerator.generate(fullAuth,
                ClientConfigVersion.V1_5).get("auth");
        assertThat(auth).containsEntry("user_pool_id", USER_POOL_ID)
                .containsEntry("user_pool_client_id", CLIENT_ID)
                .containsEntry("identity_pool_id", IDENTITY_POOL_ID)
                .containsEntry("aws_region", "us-east-1")
                .containsEntry("mfa_methods", List.of("SMS", "TOTP"))
                .containsEntry("mfa_configuration", "OPTIONAL")
                .containsEntry("standard_required_attributes", List.of("email", "phone_number", "preferred_username"))
                .containsEntry("username_attributes", List.of("email", "phone_number"))
                .containsEntry("user_verification_types", List.of("email", "phone_number"))
                .containsEntry("groups", List.of(Map.of("ADMINS", Map.of("precedence", 0)),
                        Map.of("EDITORS", Map.of("precedence", 1))))
                .containsEntry("unauthenticated_identities_enabled", true)
                .doesNotContainKey("passwordless");
        Map<String, Object> oauth = (Map<String, Object>) auth.get("oauth");
        assertThat(oauth).containsEntry("identity_providers", List.of("GOOGLE"))
                .containsEntry("redirect_sign_in_uri", List.of("http://localhost:3000/profile",
                        "https://www.example.com/profile"))
                .containsEntry("redirect_sign_out_uri", List.of("http://localhost:3000/", "https://www.example.com/"))
                .containsEntry("response_type", "code")
                .containsEntry("scopes", List.of("phone", "email", "openid", "profile",
                        "aws.cognito.signin.user.admin"));
        assertThat(oauth.get("domain").toString()).matches("[0-9a-f]{20}\\.auth\\.us-east-1\\.amazoncognito\\.com");
        assertThat(List.copyOf(oauth.keySet())).containsExactly("identity_providers", "redirect_sign_in_uri",
                "redirect_sign_out_uri", "response_type", "scopes", "domain");
    }

    @Test
    @SuppressWarnings("unchecked")
    void passwordlessAndEmailMfaAreWrittenFrom14() {
        Map<String, Object> auth = (Map<String, Object>) ClientConfigGenerator.generate(passwordless,
                ClientConfigVersion.V1_4).get("auth");
        assertThat(auth).containsEntry("mfa_methods", List.of("TOTP", "EMAIL"))
                .containsEntry("passwordless", Map.of("email_otp_enabled", true, "sms_otp_enabled", false,
                        "web_authn", Map.of("relying_party_id", "localhost", "user_verification", "preferred"),
                        "preferred_challenge", "EMAIL_OTP"));
        Map<String, Object> v13 = (Map<String, Object>) ClientConfigGenerator.generate(passwordless,
                ClientConfigVersion.V1_3).get("auth");
        assertThat(v13).containsEntry("mfa_methods", List.of("TOTP")).doesNotContainKey("passwordless");
    }

    @ParameterizedTest
    @EnumSource(value = ClientConfigVersion.class, names = {"V1", "V1_1", "V1_2", "V1_3", "V1_4", "V1_5"})
    @SuppressWarnings("unchecked")
    void eachVersionWritesWhatItsSchemaHolds(ClientConfigVersion version) {
        for (BackendOutput backend : List.of(emailOnly, fullAuth, passwordless)) {
            Map<String, Object> config = ClientConfigGenerator.generate(backend, version);
            assertThat(config).containsEntry("version", version.value());
            Map<String, Object> auth = (Map<String, Object>) config.get("auth");
            assertThat(auth.containsKey("groups")).isEqualTo(version.atLeast(ClientConfigVersion.V1_3));
            assertThat(auth.containsKey("passwordless"))
                    .isEqualTo(backend == passwordless && version.atLeast(ClientConfigVersion.V1_4));
            OutputsSchemas.assertValid(config, version);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemasRejectWhatOlderVersionsDoNotHold() {
        Map<String, Object> v14 = ClientConfigGenerator.generate(passwordless, ClientConfigVersion.V1_4);
        v14.put("version", "1.3");
        ((Map<String, Object>) v14.get("auth")).remove("passwordless");
        assertThat(OutputsSchemas.errors(v14, ClientConfigVersion.V1_3)).as("EMAIL MFA under 1.3").isNotEmpty();
        Map<String, Object> v15 = ClientConfigGenerator.generate(fullAuth, ClientConfigVersion.V1_5);
        v15.put("version", "1.2");
        assertThat(OutputsSchemas.errors(v15, ClientConfigVersion.V1_2)).as("groups under 1.2").isNotEmpty();
    }

    @Test
    void legacyConfigurationForAwsAmplifyV5() {
        Map<String, Object> legacy = ClientConfigGenerator.generate(fullAuth, ClientConfigVersion.V0);
        assertThat(legacy).containsEntry("aws_project_region", "us-east-1")
                .containsEntry("aws_user_pools_id", USER_POOL_ID)
                .containsEntry("aws_cognito_region", "us-east-1")
                .containsEntry("aws_user_pools_web_client_id", CLIENT_ID)
                .containsEntry("aws_cognito_identity_pool_id", IDENTITY_POOL_ID)
                .containsEntry("allowUnauthenticatedIdentities", "true")
                .containsEntry("aws_cognito_mfa_types", List.of("SMS", "TOTP"))
                .containsEntry("aws_cognito_mfa_configuration", "OPTIONAL")
                .containsEntry("aws_cognito_signup_attributes", List.of("EMAIL", "PHONE_NUMBER", "PREFERRED_USERNAME"))
                .containsEntry("aws_cognito_username_attributes", List.of("EMAIL", "PHONE_NUMBER"))
                .containsEntry("aws_cognito_verification_mechanisms", List.of("EMAIL", "PHONE_NUMBER"))
                .containsEntry("aws_cognito_password_protection_settings", Map.of("passwordPolicyMinLength", 8,
                        "passwordPolicyCharacters", List.of("REQUIRES_NUMBERS", "REQUIRES_LOWERCASE",
                                "REQUIRES_UPPERCASE", "REQUIRES_SYMBOLS")))
                .containsEntry("aws_cognito_social_providers", List.of("GOOGLE"))
                .doesNotContainKey("version");
        @SuppressWarnings("unchecked")
        Map<String, Object> oauth = (Map<String, Object>) legacy.get("oauth");
        assertThat(oauth).containsEntry("redirectSignIn", "http://localhost:3000/profile,https://www.example.com/profile")
                .containsEntry("redirectSignOut", "http://localhost:3000/,https://www.example.com/")
                .containsEntry("responseType", "code")
                .containsKeys("domain", "scope");
    }

    @Test
    void overridesMadeThroughEscapeHatchesReachTheFile() {
        AuthResource.Factory auth = AuthResource.define(a -> a.loginWithEmail());
        Backend backend = TestBackends.sandbox(auth);
        backend.get(auth).resources().cfnUserPool().setPolicies(CfnUserPool.PoliciesProperty.builder()
                .passwordPolicy(CfnUserPool.PasswordPolicyProperty.builder().minimumLength(12).requireLowercase(true)
                        .build()).build());
        SecurityCheckSuppressions.suppress(backend.get(auth).resources().cfnUserPool(), "COG1", "this test"
                + " weakens the password policy through the escape hatch on purpose, and so owns cdk-nag's finding");
        Map<String, Object> config = ClientConfigGenerator.generate(
                SynthesizedBackends.read(TestBackends.template(backend.rootStack())), ClientConfigVersion.V1_5);
        assertThat(config.get("auth")).extracting("password_policy").isEqualTo(Map.of("min_length", 12,
                "require_lowercase", true, "require_numbers", false, "require_symbols", false,
                "require_uppercase", false));
    }

    @Test
    void customOutputsAreMergedOverTheGeneratedConfiguration() {
        BackendOutput output = SynthesizedBackends.withCustomOutputs(backend -> {
            backend.addOutput(Map.of("custom", Map.of("apiUrl", "https://api.example.com")));
            backend.addOutput(Map.of("analytics", Map.of("amazon_pinpoint", Map.of("aws_region", "us-east-1",
                    "app_id", "pinpoint-app"))));
        });
        Map<String, Object> config = ClientConfigGenerator.generate(output, ClientConfigVersion.V1_5);
        assertThat(List.copyOf(config.keySet())).containsExactly("auth", "version", "analytics", "custom");
        assertThat(config).containsEntry("custom", Map.of("apiUrl", "https://api.example.com"))
                .containsEntry("version", "1.5");
        OutputsSchemas.assertValid(config, ClientConfigVersion.V1_5);
        Map<String, Object> legacy = ClientConfigGenerator.generate(output, ClientConfigVersion.V0);
        assertThat(legacy).containsEntry("aws_mobile_analytics_app_id", "pinpoint-app")
                .containsEntry("custom", Map.of("apiUrl", "https://api.example.com"));
    }

    @Test
    void aCustomOutputCannotOverwriteWhatTheBackendWrites() {
        BackendOutput output = SynthesizedBackends.withCustomOutputs(backend ->
                backend.addOutput(Map.of("auth", Map.of("user_pool_id", "elsewhere"))));
        assertThatThrownBy(() -> ClientConfigGenerator.generate(output, ClientConfigVersion.V1_5))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Output entry with key auth.user_pool_id already exists");
    }

    @Test
    void outputsGroupedByNameMatchThoseGroupedByMetadata() {
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail().groups("ADMINS")));
        var root = TestBackends.template(backend.rootStack());
        for (ClientConfigVersion version : EnumSet.allOf(ClientConfigVersion.class)) {
            assertThat(ClientConfigGenerator.generate(BackendOutput.fromOutputNames(FakeDeployment.outputs(root)),
                    version)).isEqualTo(ClientConfigGenerator.generate(SynthesizedBackends.read(root), version));
        }
    }
}
