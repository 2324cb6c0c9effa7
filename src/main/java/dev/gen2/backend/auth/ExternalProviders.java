package dev.gen2.backend.auth;

import dev.gen2.backend.Required;
import dev.gen2.backend.auth.IdentityProvider.Facebook;
import dev.gen2.backend.auth.IdentityProvider.Google;
import dev.gen2.backend.auth.IdentityProvider.LoginWithAmazon;
import dev.gen2.backend.auth.IdentityProvider.Oidc;
import dev.gen2.backend.auth.IdentityProvider.Saml;
import dev.gen2.backend.auth.IdentityProvider.SignInWithApple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Sign-in through other providers and the hosted UI: Amplify's {@code loginWith.externalProviders}.
 *
 * @param providers the identity providers, in the order given
 * @param scopes the OAuth scopes of the app client; empty means Amplify's five
 * @param callbackUrls where the hosted UI sends users after sign-in
 * @param logoutUrls where it sends them after sign-out
 * @param domainPrefix the hosted UI's Cognito domain prefix; empty means Amplify's 20-character backend hash
 * @param customDomain the hosted UI on a domain of your own, instead of the Cognito prefix domain
 */
public record ExternalProviders(List<IdentityProvider> providers, List<OAuthScope> scopes, List<String> callbackUrls,
        List<String> logoutUrls, Optional<String> domainPrefix, Optional<CustomDomain> customDomain) {

    /** Amplify's OAuth scopes when none are given. */
    public static final List<OAuthScope> DEFAULT_SCOPES = List.of(OAuthScope.PHONE, OAuthScope.EMAIL,
            OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN);

    /**
     * The hosted UI on your own domain name, with an ACM certificate for it in us-east-1 (CloudFront serves it).
     */
    public record CustomDomain(String domainName, String certificateArn) {
    }

    public ExternalProviders {
        providers = List.copyOf(providers);
        scopes = List.copyOf(scopes);
        callbackUrls = List.copyOf(callbackUrls);
        logoutUrls = List.copyOf(logoutUrls);
    }

    /** The scopes the client gets: those given, or Amplify's five. */
    public List<OAuthScope> effectiveScopes() {
        return scopes.isEmpty() ? DEFAULT_SCOPES : scopes;
    }

    <T extends IdentityProvider> Stream<T> providersOf(Class<T> type) {
        return providers.stream().filter(type::isInstance).map(type::cast);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ExternalProviders}. */
    public static final class Builder {
        private static final String WHERE = "auth.loginWith.externalProviders";
        private final List<IdentityProvider> providers = new ArrayList<>();
        private List<OAuthScope> scopes = List.of();
        private List<String> callbackUrls = List.of();
        private List<String> logoutUrls = List.of();
        private String domainPrefix;
        private CustomDomain customDomain;

        private Builder() {
        }

        public Builder google(Google google) {
            providers.add(provider(google, "Google"));
            return this;
        }

        public Builder facebook(Facebook facebook) {
            providers.add(provider(facebook, "Facebook"));
            return this;
        }

        public Builder loginWithAmazon(LoginWithAmazon amazon) {
            providers.add(provider(amazon, "LoginWithAmazon"));
            return this;
        }

        public Builder signInWithApple(SignInWithApple apple) {
            providers.add(provider(apple, "SignInWithApple"));
            return this;
        }

        /** Adds an OIDC provider; call once per provider. */
        public Builder oidc(Oidc oidc) {
            providers.add(provider(oidc, "Oidc"));
            return this;
        }

        public Builder saml(Saml saml) {
            providers.add(provider(saml, "Saml"));
            return this;
        }

        public Builder scopes(OAuthScope... oauthScopes) {
            this.scopes = Required.each(WHERE + ".scopes", "A scope", "pass OAuthScope values, such as"
                    + " OAuthScope.OPENID.", oauthScopes);
            return this;
        }

        public Builder callbackUrls(String... urls) {
            this.callbackUrls = Required.each(WHERE + ".callbackUrls", "A callback URL", "pass absolute URLs, such"
                    + " as \"https://your-app.example.com/\".", urls);
            return this;
        }

        public Builder logoutUrls(String... urls) {
            this.logoutUrls = Required.each(WHERE + ".logoutUrls", "A logout URL", "pass absolute URLs, such as"
                    + " \"https://your-app.example.com/\".", urls);
            return this;
        }

        private static IdentityProvider provider(IdentityProvider provider, String kind) {
            return Required.argument(provider, WHERE, "The " + kind + " provider", "pass " + kind + ".of(..).");
        }

        /** A Cognito domain prefix of your choosing, instead of Amplify's generated one. */
        public Builder domainPrefix(String prefix) {
            this.domainPrefix = prefix;
            return this;
        }

        /** Serves the hosted UI from your own domain, with its ACM certificate in us-east-1. */
        public Builder customDomain(String domainName, String certificateArn) {
            this.customDomain = new CustomDomain(domainName, certificateArn);
            return this;
        }

        public ExternalProviders build() {
            return new ExternalProviders(providers, scopes, callbackUrls, logoutUrls,
                    Optional.ofNullable(domainPrefix), Optional.ofNullable(customDomain));
        }
    }
}
