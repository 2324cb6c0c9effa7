package dev.gen2.backend.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.BackendOutputStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awscdk.IStableStringProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.CfnUserPoolDomain;
import software.amazon.awscdk.services.cognito.CfnUserPoolIdentityProvider;
import software.amazon.awscdk.services.cognito.IUserPoolIdentityProvider;

/**
 * Records Amplify's 21 auth outputs under {@code AWS::Amplify::Auth}. All but the four ids are computed at synth
 * time from the final L1 properties, so a change made through an escape hatch reaches the frontend's
 * configuration.
 */
final class AuthOutputs {
    static final String VERSION = "1";
    /** The outputs that describe the pool, besides its ids and region; a referenced pool's come from deploy time. */
    static final List<String> DESCRIBED_FIELDS = List.of("allowUnauthenticatedIdentities", "signupAttributes",
            "usernameAttributes", "verificationMechanisms", "passwordPolicyMinLength", "passwordPolicyRequirements",
            "mfaConfiguration", "mfaTypes", "passwordlessOptions", "socialProviders", "oauthCognitoDomain",
            "oauthScope", "oauthRedirectSignIn", "oauthRedirectSignOut", "oauthResponseType", "oauthClientId",
            "groups");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthResources resources;
    private final Optional<AuthSettings.PreferredChallenge> preferredChallenge;
    private final Stack stack;

    AuthOutputs(AuthResources resources, Optional<AuthSettings.PreferredChallenge> preferredChallenge) {
        this.resources = resources;
        this.preferredChallenge = preferredChallenge;
        this.stack = Stack.of(resources.userPool());
    }

    void record(BackendOutputStorage storage) {
        CfnUserPool pool = resources.cfnUserPool();
        CfnUserPoolClient client = resources.cfnUserPoolClient();
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("userPoolId", resources.userPool().getUserPoolId());
        payload.put("webClientId", resources.userPoolClient().getUserPoolClientId());
        payload.put("identityPoolId", resources.cfnIdentityPool().getRef());
        payload.put("authRegion", stack.getRegion());
        payload.put("allowUnauthenticatedIdentities", lazy(() ->
                Boolean.TRUE.equals(resolve(resources.cfnIdentityPool().getAllowUnauthenticatedIdentities()))
                        ? "true" : "false"));
        payload.put("signupAttributes", lazy(() -> json(requiredAttributes(pool))));
        payload.put("usernameAttributes", lazy(() -> json(strings(pool.getUsernameAttributes()).stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).toList())));
        payload.put("verificationMechanisms", lazy(() -> json(strings(pool.getAutoVerifiedAttributes()))));
        payload.put("passwordPolicyMinLength", lazy(() -> passwordPolicy(pool)
                .map(policy -> String.valueOf(field(policy, "minimumLength"))).orElse("")));
        payload.put("passwordPolicyRequirements", lazy(() -> passwordPolicy(pool)
                .map(AuthOutputs::passwordRequirements).orElse("")));
        payload.put("mfaConfiguration", lazy(() -> Optional.ofNullable(pool.getMfaConfiguration()).orElse("OFF")));
        payload.put("mfaTypes", lazy(() -> json(mfaTypes(pool))));
        payload.put("passwordlessOptions", lazy(() -> passwordlessOptions(pool)));
        payload.put("socialProviders", lazy(this::socialProviders));
        payload.put("oauthCognitoDomain", lazy(this::oauthDomain));
        payload.put("oauthScope", lazy(() -> json(strings(client.getAllowedOAuthScopes()))));
        payload.put("oauthRedirectSignIn", lazy(() -> String.join(",", strings(client.getCallbackUrLs()))));
        payload.put("oauthRedirectSignOut", lazy(() -> String.join(",", strings(client.getLogoutUrLs()))));
        payload.put("oauthResponseType", lazy(() -> String.join(",", strings(client.getAllowedOAuthFlows()))));
        payload.put("oauthClientId", lazy(client::getRef));
        payload.put("groups", lazy(this::groups));
        if (!List.copyOf(payload.keySet()).subList(4, payload.size()).equals(DESCRIBED_FIELDS)) {
            throw new IllegalStateException("Auth outputs and DESCRIBED_FIELDS have drifted apart");
        }
        storage.addEntry(BackendOutputStorage.AUTH_KEY, VERSION, payload);
    }

    private static String lazy(Supplier<String> producer) {
        return Lazy.string((IStableStringProducer) producer::get);
    }

    private List<String> requiredAttributes(CfnUserPool pool) {
        List<String> required = new ArrayList<>();
        for (Object attribute : list(resolve(pool.getSchema()))) {
            if (Boolean.TRUE.equals(field(attribute, "required")) && field(attribute, "name") != null) {
                required.add(field(attribute, "name").toString().toLowerCase(Locale.ROOT));
            }
        }
        return required;
    }

    private Optional<Object> passwordPolicy(CfnUserPool pool) {
        return Optional.ofNullable(field(resolve(pool.getPolicies()), "passwordPolicy"));
    }

    private static String passwordRequirements(Object policy) {
        List<String> requirements = new ArrayList<>();
        if (Boolean.TRUE.equals(field(policy, "requireNumbers"))) {
            requirements.add("REQUIRES_NUMBERS");
        }
        if (Boolean.TRUE.equals(field(policy, "requireLowercase"))) {
            requirements.add("REQUIRES_LOWERCASE");
        }
        if (Boolean.TRUE.equals(field(policy, "requireUppercase"))) {
            requirements.add("REQUIRES_UPPERCASE");
        }
        if (Boolean.TRUE.equals(field(policy, "requireSymbols"))) {
            requirements.add("REQUIRES_SYMBOLS");
        }
        return json(requirements);
    }

    private List<String> mfaTypes(CfnUserPool pool) {
        List<String> types = new ArrayList<>();
        for (String mfa : strings(pool.getEnabledMfas())) {
            switch (mfa) {
                case "SMS_MFA" -> types.add("SMS");
                case "SOFTWARE_TOKEN_MFA" -> types.add("TOTP");
                case "EMAIL_OTP" -> types.add("EMAIL");
                default -> { }
            }
        }
        return types;
    }

    private String passwordlessOptions(CfnUserPool pool) {
        Map<String, Object> options = new LinkedHashMap<>();
        Object signInPolicy = field(resolve(pool.getPolicies()), "signInPolicy");
        if (signInPolicy != null) {
            List<String> factors = list(field(signInPolicy, "allowedFirstAuthFactors")).stream()
                    .map(Object::toString).toList();
            options.put("emailOtpEnabled", factors.contains("EMAIL_OTP"));
            options.put("smsOtpEnabled", factors.contains("SMS_OTP"));
            if (factors.contains("WEB_AUTHN")) {
                Map<String, String> webAuthn = new LinkedHashMap<>();
                webAuthn.put("relyingPartyId", Optional.ofNullable(pool.getWebAuthnRelyingPartyId()).orElse(""));
                webAuthn.put("userVerification", Optional.ofNullable(pool.getWebAuthnUserVerification())
                        .orElse("preferred"));
                options.put("webAuthn", webAuthn);
            }
        }
        preferredChallenge.ifPresent(challenge -> options.put("preferredChallenge", challenge.name()));
        return options.isEmpty() ? "" : json(options);
    }

    private String socialProviders() {
        List<String> names = new ArrayList<>();
        for (Object provider : resources.userPool().getIdentityProviders()) {
            CfnUserPoolIdentityProvider cfn = (CfnUserPoolIdentityProvider)
                    ((IUserPoolIdentityProvider) provider).getNode().getDefaultChild();
            switch (cfn.getProviderType()) {
                case "Google" -> names.add("GOOGLE");
                case "Facebook" -> names.add("FACEBOOK");
                case "SignInWithApple" -> names.add("SIGN_IN_WITH_APPLE");
                case "LoginWithAmazon" -> names.add("LOGIN_WITH_AMAZON");
                default -> names.add(cfn.getProviderName());
            }
        }
        return names.isEmpty() ? "" : json(names);
    }

    private String oauthDomain() {
        return resources.domain().map(domain -> {
            CfnUserPoolDomain cfn = (CfnUserPoolDomain) domain.getNode().getDefaultChild();
            return cfn.getCustomDomainConfig() != null
                    ? cfn.getDomain()
                    : cfn.getDomain() + ".auth." + stack.getRegion() + ".amazoncognito.com";
        }).orElse("");
    }

    private String groups() {
        List<Map<String, Map<String, Object>>> groups = new ArrayList<>();
        resources.groups().forEach((name, group) -> {
            Map<String, Object> precedence = new LinkedHashMap<>();
            precedence.put("precedence", resolve(group.cfnUserGroup().getPrecedence()));
            groups.add(Map.of(name, precedence));
        });
        return json(groups);
    }

    private Object resolve(Object value) {
        return value == null ? null : stack.resolve(value);
    }

    private List<String> strings(List<String> values) {
        return values == null ? List.of() : list(resolve(values)).stream().map(Object::toString).toList();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }

    /** A field of a resolved L1 structure, whichever case CDK gave its name. */
    private static Object field(Object structure, String camelCaseName) {
        if (!(structure instanceof Map<?, ?> map)) {
            return null;
        }
        Object value = map.get(camelCaseName);
        return value != null ? value : map.get(Character.toUpperCase(camelCaseName.charAt(0))
                + camelCaseName.substring(1));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Auth outputs are plain lists and maps", e);
        }
    }
}
