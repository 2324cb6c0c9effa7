package dev.gen2.backend.auth;

import dev.gen2.backend.auth.IdentityProvider.Facebook;
import dev.gen2.backend.auth.IdentityProvider.Google;
import dev.gen2.backend.auth.IdentityProvider.LoginWithAmazon;
import dev.gen2.backend.auth.IdentityProvider.Oidc;
import dev.gen2.backend.auth.IdentityProvider.Saml;
import dev.gen2.backend.auth.IdentityProvider.SignInWithApple;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.ResourceNames;
import dev.gen2.backend.SecretFetcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.CfnUserPoolIdentityProvider;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.CustomDomainOptions;
import software.amazon.awscdk.services.cognito.OidcAttributeRequestMethod;
import software.amazon.awscdk.services.cognito.OidcEndpoints;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderAmazon;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderApple;
import software.amazon.awscdk.services.cognito.IUserPoolIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderFacebook;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderGoogle;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderOidc;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderSaml;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderSamlMetadata;
import software.constructs.Construct;

/**
 * Registers the external identity providers on the user pool and gives the hosted UI its domain, as Amplify
 * does: email is mapped from every provider but SAML when email is the only login method, social providers are
 * also registered with the identity pool, and a domain is added whenever a provider is.
 */
final class ExternalProviderSetup {

    /** What the providers bring to the rest of auth. */
    record Result(List<IUserPoolIdentityProvider> providers, Map<String, String> identityPoolLoginProviders,
            Optional<UserPoolDomain> domain) {
        static Result none() {
            return new Result(List.of(), Map.of(), Optional.empty());
        }
    }

    private final AuthSettings settings;
    private final BackendId backendId;

    ExternalProviderSetup(AuthSettings settings, BackendId backendId) {
        this.settings = settings;
        this.backendId = backendId;
    }

    Result create(Construct scope, UserPool userPool) {
        Optional<ExternalProviders> external = settings.externalProviders();
        if (external.isEmpty() || external.get().providers().isEmpty()) {
            return Result.none();
        }
        List<IUserPoolIdentityProvider> providers = new ArrayList<>();
        Map<String, String> loginProviders = new LinkedHashMap<>();
        int index = 0;
        for (IdentityProvider provider : external.get().providers()) {
            IUserPoolIdentityProvider created = createProvider(scope, userPool, provider, index, loginProviders);
            applyAttributeMapping(created, provider);
            providers.add(created);
            index++;
        }
        return new Result(providers, loginProviders, Optional.of(addDomain(userPool, external.get())));
    }

    private IUserPoolIdentityProvider createProvider(Construct scope, UserPool userPool, IdentityProvider provider,
            int index, Map<String, String> loginProviders) {
        String prefix = settings.idPrefix();
        if (provider instanceof Google google) {
            loginProviders.put("accounts.google.com", google.clientId());
            return UserPoolIdentityProviderGoogle.Builder.create(scope, prefix + "GoogleIdP")
                    .userPool(userPool).clientId(google.clientId())
                    .clientSecretValue(secret(scope, google, google.clientSecret()))
                    .scopes(scopesOrCdkDefault(google.scopes())).build();
        }
        if (provider instanceof Facebook facebook) {
            loginProviders.put("graph.facebook.com", facebook.clientId());
            return UserPoolIdentityProviderFacebook.Builder.create(scope, prefix + "FacebookIDP")
                    .userPool(userPool).clientId(facebook.clientId())
                    .clientSecret(secret(scope, facebook, facebook.clientSecret()).unsafeUnwrap())
                    .scopes(scopesOrCdkDefault(facebook.scopes()))
                    .apiVersion(facebook.apiVersion().orElse(null)).build();
        }
        if (provider instanceof LoginWithAmazon amazon) {
            loginProviders.put("www.amazon.com", amazon.clientId());
            return UserPoolIdentityProviderAmazon.Builder.create(scope, prefix + "AmazonIDP")
                    .userPool(userPool).clientId(amazon.clientId())
                    .clientSecret(secret(scope, amazon, amazon.clientSecret()).unsafeUnwrap())
                    .scopes(scopesOrCdkDefault(amazon.scopes())).build();
        }
        if (provider instanceof SignInWithApple apple) {
            loginProviders.put("appleid.apple.com", apple.clientId());
            return UserPoolIdentityProviderApple.Builder.create(scope, prefix + "AppleIDP")
                    .userPool(userPool).clientId(apple.clientId()).teamId(apple.teamId())
                    .keyId(apple.keyId()).privateKeyValue(secret(scope, apple, apple.privateKey()))
                    .scopes(scopesOrCdkDefault(apple.scopes())).build();
        }
        if (provider instanceof Oidc oidc) {
            return UserPoolIdentityProviderOidc.Builder.create(scope,
                            prefix + (oidc.name() != null ? oidc.name() : String.valueOf(index)) + "OidcIDP")
                    .userPool(userPool).name(oidc.name()).clientId(oidc.clientId())
                    .clientSecret(secret(scope, oidc, oidc.clientSecret()).unsafeUnwrap()).issuerUrl(oidc.issuerUrl())
                    .scopes(scopesOrCdkDefault(oidc.scopes())).identifiers(oidc.identifiers().isEmpty() ? null : oidc.identifiers())
                    .endpoints(oidc.endpoints().map(endpoints -> OidcEndpoints.builder()
                            .authorization(endpoints.authorization()).token(endpoints.token())
                            .userInfo(endpoints.userInfo()).jwksUri(endpoints.jwksUri()).build()).orElse(null))
                    .attributeRequestMethod(oidc.attributeRequestMethod() == Oidc.RequestMethod.POST
                            ? OidcAttributeRequestMethod.POST
                            : OidcAttributeRequestMethod.GET)
                    .build();
        }
        Saml saml = (Saml) provider;
        return UserPoolIdentityProviderSaml.Builder.create(scope, prefix + "SamlIDP")
                .userPool(userPool).name(saml.name())
                .metadata(saml.metadataType() == Saml.MetadataType.FILE
                        ? UserPoolIdentityProviderSamlMetadata.file(saml.metadataContent())
                        : UserPoolIdentityProviderSamlMetadata.url(saml.metadataContent()))
                .identifiers(saml.identifiers().isEmpty() ? null : saml.identifiers())
                .idpSignout(saml.idpSignout())
                .build();
    }

    /**
     * The scopes asked of the provider, or, when none are given, {@code null} so that CDK writes its default, as
     * Amplify (which passes the user's props to CDK unchanged) does: {@code profile} for Google and Amazon,
     * {@code public_profile} for Facebook, {@code name} for Apple, {@code openid} for OIDC. An empty list would
     * write {@code authorize_scopes: ""}.
     */
    private static List<String> scopesOrCdkDefault(List<String> scopes) {
        return scopes.isEmpty() ? null : scopes;
    }

    /**
     * The secret's value: a CDK secret value as it is, a backend secret through the stack's secret fetcher. A CDK
     * secret value that resolves to plain text ({@code SecretValue.unsafePlainText}) is written into the template;
     * that is allowed, as in CDK, with a warning at synth.
     */
    private SecretValue secret(Construct scope, IdentityProvider provider, ClientSecret secret) {
        if (secret instanceof ClientSecret.BackendSecret backend) {
            return SecretFetcher.of(Stack.of(scope), backendId).resolve(backend.secret());
        }
        SecretValue value = ((ClientSecret.CdkSecretValue) secret).value();
        if (isPlainText(Stack.of(scope).resolve(value))) {
            String name = provider.getClass().getSimpleName();
            Annotations.of(scope).addWarningV2("gen2-backend:plain-text-provider-secret", "The " + name
                    + " provider's secret is written into the template in plain text (SecretValue.unsafePlainText):"
                    + " anyone who can read the template, the cloud assembly or the stack can read it. Use"
                    + " Secret.of(\"" + ResourceNames.screamingSnakeCase(name) + "_CLIENT_SECRET\") instead, set with"
                    + " `gen2 sandbox secret set` (or in SSM for a branch), or SecretValue.secretsManager(..).");
        }
        return value;
    }

    /**
     * Whether a resolved secret is a literal: not a reference ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join})
     * and not a CloudFormation dynamic reference such as {@code {{resolve:secretsmanager:...}}}.
     */
    private static boolean isPlainText(Object resolved) {
        return resolved instanceof String text && !text.contains("{{resolve:");
    }

    /**
     * Sets the provider's attribute mapping on its L1 resource, Cognito attribute name to provider attribute name,
     * with email mapped first (for every provider but SAML) when email is the only login method.
     */
    private void applyAttributeMapping(IUserPoolIdentityProvider created, IdentityProvider provider) {
        Map<String, String> mapping = new LinkedHashMap<>();
        boolean mapEmail = settings.email().isPresent() && settings.phone().isEmpty();
        if (mapEmail && !(provider instanceof Saml)) {
            mapping.put("email", "email");
        }
        mapping.putAll(provider.attributeMapping());
        if (!mapping.isEmpty()) {
            ((CfnUserPoolIdentityProvider) created.getNode().getDefaultChild()).setAttributeMapping(mapping);
        }
    }

    private UserPoolDomain addDomain(UserPool userPool, ExternalProviders external) {
        String id = settings.idPrefix() + "UserPoolDomain";
        if (external.customDomain().isPresent()) {
            ExternalProviders.CustomDomain custom = external.customDomain().get();
            return userPool.addDomain(id, UserPoolDomainOptions.builder()
                    .customDomain(CustomDomainOptions.builder()
                            .domainName(custom.domainName())
                            .certificate(Certificate.fromCertificateArn(userPool, id + "Certificate",
                                    custom.certificateArn()))
                            .build())
                    .build());
        }
        return userPool.addDomain(id, UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder()
                        .domainPrefix(external.domainPrefix().orElse(backendId.stableHash()))
                        .build())
                .build());
    }
}
