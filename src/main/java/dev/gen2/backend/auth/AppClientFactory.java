package dev.gen2.backend.auth;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.constructs.Construct;

/**
 * Builds the web app client as Amplify does: SRP, custom and refresh flows, no secret, user existence errors
 * prevented, and the OAuth code flow on even without external providers (CDK then fills in its callback
 * {@code https://example.com} and its five scopes).
 */
final class AppClientFactory {
    private final AuthSettings settings;

    AppClientFactory(AuthSettings settings) {
        this.settings = settings;
    }

    UserPoolClient create(Construct scope, UserPool userPool) {
        UserPoolClient.Builder client = UserPoolClient.Builder.create(scope, settings.idPrefix() + "UserPoolAppClient")
                .userPool(userPool)
                .authFlows(AuthFlow.builder().userSrp(true).custom(true).build())
                .preventUserExistenceErrors(true)
                .oAuth(oauthSettings());
        TokenValidity validity = settings.tokenValidity();
        validity.accessToken().ifPresent(d -> client.accessTokenValidity(Duration.minutes(d.toMinutes())));
        validity.idToken().ifPresent(d -> client.idTokenValidity(Duration.minutes(d.toMinutes())));
        validity.refreshToken().ifPresent(d -> client.refreshTokenValidity(Duration.minutes(d.toMinutes())));
        validity.authSession().ifPresent(d -> client.authSessionValidity(Duration.minutes(d.toMinutes())));
        UserPoolClient created = client.build();
        if (settings.passwordless()) {
            allowUserAuth((CfnUserPoolClient) created.getNode().getDefaultChild());
        }
        return created;
    }

    private OAuthSettings oauthSettings() {
        OAuthSettings.Builder oauth = OAuthSettings.builder()
                .flows(OAuthFlows.builder().authorizationCodeGrant(true).implicitCodeGrant(false).build());
        settings.externalProviders().ifPresent(external -> {
            if (!external.callbackUrls().isEmpty()) {
                oauth.callbackUrls(external.callbackUrls());
            }
            if (!external.logoutUrls().isEmpty()) {
                oauth.logoutUrls(external.logoutUrls());
            }
            oauth.scopes(external.effectiveScopes().stream().map(OAuthScope::toCdk).toList());
        });
        return oauth.build();
    }

    /** Choice-based sign-in, which passwordless first factors need: Cognito's {@code ALLOW_USER_AUTH}. */
    private static void allowUserAuth(CfnUserPoolClient client) {
        List<String> flows = new ArrayList<>(client.getExplicitAuthFlows());
        flows.add("ALLOW_USER_AUTH");
        client.setExplicitAuthFlows(flows);
    }
}
