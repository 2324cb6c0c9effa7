package dev.gen2.backend.auth;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import dev.gen2.backend.Required;
import dev.gen2.backend.Secret;
import software.amazon.awscdk.SecretValue;

/**
 * A sign-in provider outside the user pool. {@code attributeMapping} maps a Cognito attribute name
 * ({@code email}, {@code given_name}, {@code custom:team}) to the provider's attribute name. Client secrets are
 * {@link SecretValue}s, such as {@code SecretValue.secretsManager("google-client-secret")}, resolved by
 * CloudFormation at deploy time and never written into a template.
 */
public sealed interface IdentityProvider {

    /** The provider's attribute mapping, Cognito attribute name to provider attribute name. */
    Map<String, String> attributeMapping();

    /** Fails unless a provider was given its client id. */
    private static void requireClientId(String clientId, String kind) {
        Required.argument(clientId, "auth.loginWith.externalProviders", "The " + kind + " provider's client id",
                "give the id the provider issued for your app: " + kind + ".of(\"client-id\", ..).");
    }

    /** A mapping in name order, so templates do not depend on the map type given. */
    private static Map<String, String> sorted(Map<String, String> mapping) {
        return Collections.unmodifiableMap(new TreeMap<>(mapping));
    }

    /** Sign in with Google. */
    record Google(String clientId, ClientSecret clientSecret, List<String> scopes,
            Map<String, String> attributeMapping) implements IdentityProvider {
        public Google {
            requireClientId(clientId, "Google");
            scopes = List.copyOf(scopes);
            attributeMapping = sorted(attributeMapping);
        }

        public static Google of(String clientId, SecretValue clientSecret) {
            return of(clientId, ClientSecret.of(clientSecret));
        }

        public static Google of(String clientId, Secret clientSecret) {
            return of(clientId, ClientSecret.of(clientSecret));
        }

        public static Google of(String clientId, ClientSecret clientSecret) {
            return new Google(clientId, clientSecret, List.of(), Map.of());
        }

        public Google withScopes(String... providerScopes) {
            return new Google(clientId, clientSecret, List.of(providerScopes), attributeMapping);
        }

        public Google withAttributeMapping(Map<String, String> mapping) {
            return new Google(clientId, clientSecret, scopes, mapping);
        }
    }

    /** Sign in with Facebook. */
    record Facebook(String clientId, ClientSecret clientSecret, List<String> scopes, Optional<String> apiVersion,
            Map<String, String> attributeMapping) implements IdentityProvider {
        public Facebook {
            requireClientId(clientId, "Facebook");
            scopes = List.copyOf(scopes);
            attributeMapping = sorted(attributeMapping);
        }

        public static Facebook of(String clientId, SecretValue clientSecret) {
            return of(clientId, ClientSecret.of(clientSecret));
        }

        public static Facebook of(String clientId, Secret clientSecret) {
            return of(clientId, ClientSecret.of(clientSecret));
        }

        public static Facebook of(String clientId, ClientSecret clientSecret) {
            return new Facebook(clientId, clientSecret, List.of(), Optional.empty(), Map.of());
        }

        public Facebook withScopes(String... providerScopes) {
            return new Facebook(clientId, clientSecret, List.of(providerScopes), apiVersion, attributeMapping);
        }

        public Facebook withApiVersion(String version) {
            return new Facebook(clientId, clientSecret, scopes, Optional.of(version), attributeMapping);
        }

        public Facebook withAttributeMapping(Map<String, String> mapping) {
            return new Facebook(clientId, clientSecret, scopes, apiVersion, mapping);
        }
    }

    /** Login with Amazon. */
    record LoginWithAmazon(String clientId, ClientSecret clientSecret, List<String> scopes,
            Map<String, String> attributeMapping) implements IdentityProvider {
        public LoginWithAmazon {
            requireClientId(clientId, "LoginWithAmazon");
            scopes = List.copyOf(scopes);
            attributeMapping = sorted(attributeMapping);
        }

        public static LoginWithAmazon of(String clientId, SecretValue clientSecret) {
            return of(clientId, ClientSecret.of(clientSecret));
        }

        public static LoginWithAmazon of(String clientId, Secret clientSecret) {
            return of(clientId, ClientSecret.of(clientSecret));
        }

        public static LoginWithAmazon of(String clientId, ClientSecret clientSecret) {
            return new LoginWithAmazon(clientId, clientSecret, List.of(), Map.of());
        }

        public LoginWithAmazon withScopes(String... providerScopes) {
            return new LoginWithAmazon(clientId, clientSecret, List.of(providerScopes), attributeMapping);
        }

        public LoginWithAmazon withAttributeMapping(Map<String, String> mapping) {
            return new LoginWithAmazon(clientId, clientSecret, scopes, mapping);
        }
    }

    /** Sign in with Apple: the services id, team id, key id and the key's private part. */
    record SignInWithApple(String clientId, String teamId, String keyId, ClientSecret privateKey,
            List<String> scopes, Map<String, String> attributeMapping) implements IdentityProvider {
        public SignInWithApple {
            requireClientId(clientId, "SignInWithApple");
            scopes = List.copyOf(scopes);
            attributeMapping = sorted(attributeMapping);
        }

        public static SignInWithApple of(String clientId, String teamId, String keyId, SecretValue privateKey) {
            return of(clientId, teamId, keyId, ClientSecret.of(privateKey));
        }

        public static SignInWithApple of(String clientId, String teamId, String keyId, Secret privateKey) {
            return of(clientId, teamId, keyId, ClientSecret.of(privateKey));
        }

        public static SignInWithApple of(String clientId, String teamId, String keyId, ClientSecret privateKey) {
            return new SignInWithApple(clientId, teamId, keyId, privateKey, List.of(), Map.of());
        }

        public SignInWithApple withScopes(String... providerScopes) {
            return new SignInWithApple(clientId, teamId, keyId, privateKey, List.of(providerScopes),
                    attributeMapping);
        }

        public SignInWithApple withAttributeMapping(Map<String, String> mapping) {
            return new SignInWithApple(clientId, teamId, keyId, privateKey, scopes, mapping);
        }
    }

    /**
     * An OpenID Connect provider; a backend may have several, each with a name of its own. Without
     * {@code endpoints}, Cognito discovers them from the issuer.
     */
    record Oidc(String name, String clientId, ClientSecret clientSecret, String issuerUrl, List<String> scopes,
            RequestMethod attributeRequestMethod, List<String> identifiers, Optional<Endpoints> endpoints,
            Map<String, String> attributeMapping) implements IdentityProvider {
        /** How Cognito asks the provider for user attributes (Amplify's default: GET). */
        public enum RequestMethod { GET, POST }

        /** The provider's endpoints, for issuers without OpenID discovery. */
        public record Endpoints(String authorization, String token, String userInfo, String jwksUri) {
        }

        public Oidc {
            requireClientId(clientId, "Oidc");
            scopes = List.copyOf(scopes);
            identifiers = List.copyOf(identifiers);
            attributeMapping = sorted(attributeMapping);
        }

        public static Oidc of(String name, String clientId, SecretValue clientSecret, String issuerUrl) {
            return of(name, clientId, ClientSecret.of(clientSecret), issuerUrl);
        }

        public static Oidc of(String name, String clientId, Secret clientSecret, String issuerUrl) {
            return of(name, clientId, ClientSecret.of(clientSecret), issuerUrl);
        }

        public static Oidc of(String name, String clientId, ClientSecret clientSecret, String issuerUrl) {
            return new Oidc(name, clientId, clientSecret, issuerUrl, List.of(), RequestMethod.GET, List.of(),
                    Optional.empty(), Map.of());
        }

        public Oidc withScopes(String... providerScopes) {
            return new Oidc(name, clientId, clientSecret, issuerUrl, List.of(providerScopes), attributeRequestMethod,
                    identifiers, endpoints, attributeMapping);
        }

        public Oidc withAttributeRequestMethod(RequestMethod method) {
            return new Oidc(name, clientId, clientSecret, issuerUrl, scopes, method, identifiers, endpoints,
                    attributeMapping);
        }

        public Oidc withIdentifiers(String... ids) {
            return new Oidc(name, clientId, clientSecret, issuerUrl, scopes, attributeRequestMethod, List.of(ids),
                    endpoints, attributeMapping);
        }

        public Oidc withEndpoints(Endpoints providerEndpoints) {
            return new Oidc(name, clientId, clientSecret, issuerUrl, scopes, attributeRequestMethod, identifiers,
                    Optional.of(providerEndpoints), attributeMapping);
        }

        public Oidc withAttributeMapping(Map<String, String> mapping) {
            return new Oidc(name, clientId, clientSecret, issuerUrl, scopes, attributeRequestMethod, identifiers,
                    endpoints, mapping);
        }
    }

    /** A SAML identity provider, from a metadata document's URL or content. */
    record Saml(String name, String metadataContent, MetadataType metadataType, List<String> identifiers,
            boolean idpSignout, Map<String, String> attributeMapping) implements IdentityProvider {
        /** Whether {@code metadataContent} is a URL to fetch or the XML itself. */
        public enum MetadataType { URL, FILE }

        public Saml {
            identifiers = List.copyOf(identifiers);
            attributeMapping = sorted(attributeMapping);
        }

        public static Saml fromUrl(String name, String metadataUrl) {
            return new Saml(name, metadataUrl, MetadataType.URL, List.of(), false, Map.of());
        }

        public static Saml fromFile(String name, String metadataXml) {
            return new Saml(name, metadataXml, MetadataType.FILE, List.of(), false, Map.of());
        }

        public Saml withIdentifiers(String... ids) {
            return new Saml(name, metadataContent, metadataType, List.of(ids), idpSignout, attributeMapping);
        }

        public Saml withIdpSignout(boolean signout) {
            return new Saml(name, metadataContent, metadataType, identifiers, signout, attributeMapping);
        }

        public Saml withAttributeMapping(Map<String, String> mapping) {
            return new Saml(name, metadataContent, metadataType, identifiers, idpSignout, mapping);
        }
    }
}
