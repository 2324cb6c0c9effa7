package dev.gen2.backend.data;

import dev.gen2.backend.BackendAuth;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.data.AuthorizationModes.Oidc;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.appsync.CfnGraphQLApi;
import software.amazon.awscdk.services.appsync.CfnGraphQLApi.AdditionalAuthenticationProviderProperty;
import software.constructs.Construct;

/** Makes the AppSync API with its default and additional authorization modes. */
final class ApiBuilder {
    private final Construct scope;
    private final String name;
    private final ApiAuthorization authorization;
    private final Optional<BackendAuth> auth;
    private final Optional<FunctionProvider> authorizer;

    ApiBuilder(Construct scope, String name, ApiAuthorization authorization, Optional<BackendAuth> auth,
            Optional<FunctionProvider> authorizer) {
        this.scope = scope;
        this.name = name;
        this.authorization = authorization;
        this.auth = auth;
        this.authorizer = authorizer;
    }

    CfnGraphQLApi build() {
        CfnGraphQLApi.Builder api = CfnGraphQLApi.Builder.create(scope, "GraphQLAPI")
                .name(name)
                .authenticationType(authorization.defaultMode().appSyncMode())
                .xrayEnabled(false);
        AuthProvider defaultMode = authorization.defaultMode();
        if (defaultMode == AuthProvider.USER_POOLS) {
            api.userPoolConfig(CfnGraphQLApi.UserPoolConfigProperty.builder().userPoolId(userPoolId())
                    .awsRegion(Stack.of(scope).getRegion()).defaultAction("ALLOW").build());
        }
        if (defaultMode == AuthProvider.FUNCTION) {
            api.lambdaAuthorizerConfig(lambdaConfig());
        }
        if (defaultMode == AuthProvider.OIDC) {
            api.openIdConnectConfig(oidcConfig(authorization.modes().oidc().orElseThrow()));
        }
        api.additionalAuthenticationProviders(authorization.additional().stream().map(this::additional).toList());
        return api.build();
    }

    private AdditionalAuthenticationProviderProperty additional(AuthProvider provider) {
        AdditionalAuthenticationProviderProperty.Builder builder = AdditionalAuthenticationProviderProperty.builder()
                .authenticationType(provider.appSyncMode());
        switch (provider) {
            case USER_POOLS -> builder.userPoolConfig(CfnGraphQLApi.CognitoUserPoolConfigProperty.builder()
                    .userPoolId(userPoolId()).awsRegion(Stack.of(scope).getRegion()).build());
            case FUNCTION -> builder.lambdaAuthorizerConfig(lambdaConfig());
            case OIDC -> {
                Oidc oidc = authorization.modes().oidc().orElseThrow();
                CfnGraphQLApi.OpenIDConnectConfigProperty config = oidcConfig(oidc);
                builder.openIdConnectConfig(config);
            }
            default -> {
            }
        }
        return builder.build();
    }

    private String userPoolId() {
        return auth.orElseThrow().userPool().getUserPoolId();
    }

    private CfnGraphQLApi.LambdaAuthorizerConfigProperty lambdaConfig() {
        AuthorizationModes.Lambda lambda = authorization.modes().lambda().orElseThrow();
        return CfnGraphQLApi.LambdaAuthorizerConfigProperty.builder()
                .authorizerUri(authorizer.orElseThrow().invocationTarget().getFunctionArn())
                .authorizerResultTtlInSeconds(lambda.timeToLiveInSeconds())
                .build();
    }

    private static CfnGraphQLApi.OpenIDConnectConfigProperty oidcConfig(Oidc oidc) {
        return CfnGraphQLApi.OpenIDConnectConfigProperty.builder()
                .issuer(oidc.issuerUrl())
                .clientId(oidc.clientId().orElse(null))
                .authTtl(oidc.tokenExpiryFromAuthInSeconds() * 1000)
                .iatTtl(oidc.tokenExpiryFromIssueInSeconds() * 1000)
                .build();
    }

}
