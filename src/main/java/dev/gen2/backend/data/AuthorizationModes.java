package dev.gen2.backend.data;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.ResourceFactory;
import java.util.Optional;

/**
 * The API's authorization modes, Amplify's {@code authorizationModes}. IAM is always on. User pool and identity
 * pool modes are on whenever the backend has auth. Without {@code defaultMode}, Amplify's rule picks it: user pool
 * with auth and nothing else configured, API key with neither (sandbox mode), the only mode configured without
 * auth; anything else must name it.
 *
 * @param defaultMode the mode a request without an explicit one uses
 * @param apiKey the API key mode, if on
 * @param lambda the Lambda authorizer mode, if on
 * @param oidc the OpenID Connect mode, if on
 */
public record AuthorizationModes(Optional<AuthProvider> defaultMode, Optional<ApiKey> apiKey,
        Optional<Lambda> lambda, Optional<Oidc> oidc) {

    /** No mode configured: Amplify's defaults decide. */
    public static AuthorizationModes defaults() {
        return new AuthorizationModes(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AuthorizationModes defaultMode(AuthProvider mode) {
        return new AuthorizationModes(Optional.of(mode), apiKey, lambda, oidc);
    }

    public AuthorizationModes apiKey(ApiKey key) {
        return new AuthorizationModes(defaultMode, Optional.of(key), lambda, oidc);
    }

    public AuthorizationModes lambda(Lambda authorizer) {
        return new AuthorizationModes(defaultMode, apiKey, Optional.of(authorizer), oidc);
    }

    public AuthorizationModes oidc(Oidc provider) {
        return new AuthorizationModes(defaultMode, apiKey, lambda, Optional.of(provider));
    }

    /** Whether any mode besides the default is configured. */
    boolean anyConfigured() {
        return apiKey.isPresent() || lambda.isPresent() || oidc.isPresent();
    }

    /**
     * The API key mode, Amplify's {@code apiKeyAuthorizationMode}.
     *
     * @param expiresInDays days until the key expires, 1 to 365; Amplify's default is 7
     * @param description the key's description
     */
    public record ApiKey(int expiresInDays, Optional<String> description) {
        public static final int DEFAULT_EXPIRES_IN_DAYS = 7;

        public static ApiKey expiresInDays(int days) {
            return new ApiKey(days, Optional.empty());
        }

        public static ApiKey defaults() {
            return expiresInDays(DEFAULT_EXPIRES_IN_DAYS);
        }

        public ApiKey description(String text) {
            return new ApiKey(expiresInDays, Optional.of(text));
        }
    }

    /**
     * The Lambda authorizer mode, Amplify's {@code lambdaAuthorizationMode}.
     *
     * @param function the authorizer function
     * @param timeToLiveInSeconds how long AppSync caches an answer; Amplify's default is 60
     */
    public record Lambda(ResourceFactory<? extends FunctionProvider> function, int timeToLiveInSeconds) {
        public static final int DEFAULT_TTL_SECONDS = 60;

        public static Lambda of(ResourceFactory<? extends FunctionProvider> function) {
            return new Lambda(function, DEFAULT_TTL_SECONDS);
        }

        public Lambda timeToLiveInSeconds(int seconds) {
            return new Lambda(function, seconds);
        }
    }

    /**
     * The OpenID Connect mode, Amplify's {@code oidcAuthorizationMode}.
     *
     * @param providerName a name for the provider (Amplify's {@code oidcProviderName})
     * @param issuerUrl the issuer's URL
     * @param clientId the client id tokens must be issued to, if checked
     * @param tokenExpiryFromAuthInSeconds how long after authentication a token is accepted
     * @param tokenExpiryFromIssueInSeconds how long after issue a token is accepted
     */
    public record Oidc(String providerName, String issuerUrl, Optional<String> clientId,
            int tokenExpiryFromAuthInSeconds, int tokenExpiryFromIssueInSeconds) {
    }
}
