package dev.gen2.backend.auth;

/** The OAuth scopes the app client may ask for: Amplify's {@code externalProviders.scopes}. */
public enum OAuthScope {
    PHONE("phone"),
    EMAIL("email"),
    OPENID("openid"),
    PROFILE("profile"),
    COGNITO_ADMIN("aws.cognito.signin.user.admin");

    private final String scopeName;

    OAuthScope(String scopeName) {
        this.scopeName = scopeName;
    }

    public String scopeName() {
        return scopeName;
    }

    software.amazon.awscdk.services.cognito.OAuthScope toCdk() {
        return software.amazon.awscdk.services.cognito.OAuthScope.custom(scopeName);
    }
}
