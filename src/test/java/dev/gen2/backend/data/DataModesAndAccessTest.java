package dev.gen2.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.function.FunctionResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The authorization modes besides the user pool, and functions granted access to the API. */
class DataModesAndAccessTest {
    private static final FunctionResource.Factory AUTHORIZER = FunctionResource.define(fn -> fn.name("authorizer")
            .entry("src/test/resources/functions/hello"));
    private static final FunctionResource.Factory WORKER = FunctionResource.define(fn -> fn.name("worker")
            .entry("src/test/resources/functions/hello"));
    private static final Schema NOTES = DataSchemas.AUTHORIZED;

    @Test
    void withoutAuthAndWithNothingConfiguredTheApiKeyIsTheDefaultForSevenDays() {
        DataResource.Factory data = DataResource.define(d -> d.schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.publicApiKey()))));
        Backend backend = TestBackends.sandbox(data);
        Template api = TestBackends.nestedTemplate(backend, "data");
        api.hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of("AuthenticationType", "API_KEY",
                "AdditionalAuthenticationProviders", List.of(Map.of("AuthenticationType", "AWS_IAM"))));
        long expires = ((Number) ((Map<?, ?>) api.findResources("AWS::AppSync::ApiKey").values().iterator().next()
                .get("Properties")).get("Expires")).longValue();
        long startOfToday = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).getEpochSecond();
        assertThat(expires - startOfToday).isEqualTo(7 * 86_400L);
    }

    @Test
    void theIdentityPoolCanBeTheDefaultModeWithTheUserPoolAdditional() {
        DataResource.Factory data = DataResource.define(d -> d.schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.guest(), AuthRule.authenticated())))
                .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.IAM)));
        Backend backend = TestBackends.sandbox(DataSchemas.AUTH, data);
        TestBackends.nestedTemplate(backend, "data").hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of(
                "AuthenticationType", "AWS_IAM",
                "AdditionalAuthenticationProviders", List.of(Map.of("AuthenticationType", "AMAZON_COGNITO_USER_POOLS",
                        "UserPoolConfig", Match.objectLike(Map.of("UserPoolId", Match.anyValue()))))));
        assertThat(TestBackends.template(backend.rootStack()).findOutputs("awsAppsyncAuthenticationType").values()
                .iterator().next().get("Value")).isEqualTo("AWS_IAM");
    }

    @Test
    void aLambdaAuthorizerIsInvokedByAppSyncWithAmplifysSixtySecondCache() {
        DataResource.Factory data = DataResource.define(d -> d.schema(NOTES)
                .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.FUNCTION)
                        .lambda(AuthorizationModes.Lambda.of(AUTHORIZER)).apiKey(AuthorizationModes.ApiKey.defaults())));
        Backend backend = TestBackends.sandbox(data);
        Template api = TestBackends.nestedTemplate(backend, "data");
        api.hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of("AuthenticationType", "AWS_LAMBDA",
                "LambdaAuthorizerConfig", Map.of("AuthorizerResultTtlInSeconds", 60,
                        "AuthorizerUri", Match.anyValue())));
        api.hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunction",
                "Principal", "appsync.amazonaws.com"));
        assertThat(backend.get(data).graphqlSchema()).contains("type Note @aws_iam @aws_api_key @aws_lambda");
    }

    @Test
    void anOidcProviderIsAnAdditionalModeWithItsTokenLifetimesInMilliseconds() {
        DataResource.Factory data = DataResource.define(d -> d.schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.authenticated(AuthProvider.OIDC))))
                .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.API_KEY)
                        .apiKey(AuthorizationModes.ApiKey.defaults())
                        .oidc(new AuthorizationModes.Oidc("Corp", "https://login.example.com", Optional.of("client"),
                                300, 600))));
        Template api = TestBackends.nestedTemplate(TestBackends.sandbox(data), "data");
        api.hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of("AdditionalAuthenticationProviders",
                Match.arrayWith(List.of(Map.of("AuthenticationType", "OPENID_CONNECT", "OpenIDConnectConfig", Map.of(
                        "Issuer", "https://login.example.com", "ClientId", "client", "AuthTTL", 300_000,
                        "IatTTL", 600_000))))));
    }

    @Test
    void aFunctionGrantedAccessGetsAmplifysPolicyAndEndpointVariables() {
        DataResource.Factory data = DataResource.define(d -> d.schema(NOTES)
                .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.API_KEY)
                        .apiKey(AuthorizationModes.ApiKey.defaults()).lambda(AuthorizationModes.Lambda.of(AUTHORIZER)))
                .access(WORKER, DataAccess.QUERY, DataAccess.MUTATE));
        Backend backend = TestBackends.sandbox(data, WORKER);
        Template api = TestBackends.nestedTemplate(backend, "data");
        Map<String, Map<String, Object>> policies = api.findResources("AWS::IAM::Policy",
                Map.of("Properties", Map.of("PolicyName", Match.stringLikeRegexp("amplifyDataGraphqlAccessPolicy0.*"))));
        assertThat(policies).hasSize(1);
        String policy = policies.values().iterator().next().toString();
        assertThat(policy).contains("appsync:GraphQL", "/types/Query/*", "/types/Mutation/*", "s3:GetObject")
                .doesNotContain("/types/Subscription/*");
        api.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name",
                Match.stringLikeRegexp("/amplify/resource_reference/testapp/.*/AMPLIFY_DATA_GRAPHQL_ENDPOINT")));
        api.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name",
                Match.stringLikeRegexp("/amplify/resource_reference/testapp/.*/AMPLIFY_DATA_DEFAULT_NAME"), "Value", "amplifyData"));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        String worker = functions.findResources("AWS::Lambda::Function").toString();
        assertThat(worker).contains("AMPLIFY_DATA_GRAPHQL_ENDPOINT", "AMPLIFY_DATA_MODEL_INTROSPECTION_SCHEMA_KEY");
    }
}
