package dev.gen2.backend.outputs;

import dev.gen2.backend.outputs.BackendOutput.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code auth} section of {@code amplify_outputs.json}, from the {@code AWS::Amplify::Auth} outputs. */
final class AuthConfigSection {
    private static final Set<String> OAUTH_PROVIDERS = Set.of("GOOGLE", "FACEBOOK", "LOGIN_WITH_AMAZON",
            "SIGN_IN_WITH_APPLE");

    private AuthConfigSection() {
    }

    static Map<String, Object> build(Entry auth, ClientConfigVersion version) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("user_pool_id", auth.field("userPoolId").orElse(""));
        section.put("aws_region", auth.field("authRegion").orElse(""));
        section.put("user_pool_client_id", auth.field("webClientId").orElse(""));
        nonEmpty(auth, "identityPoolId").ifPresent(id -> section.put("identity_pool_id", id));
        nonEmpty(auth, "mfaTypes").map(JsonText::parse).ifPresent(types -> section.put("mfa_methods",
                version.atLeast(ClientConfigVersion.V1_4) ? types : withoutEmail((List<?>) types)));
        nonEmpty(auth, "signupAttributes").ifPresent(v -> section.put("standard_required_attributes",
                JsonText.parse(v)));
        nonEmpty(auth, "usernameAttributes").map(JsonText::parse).ifPresent(attributes ->
                section.put("username_attributes", ((List<?>) attributes).isEmpty() ? List.of("username") : attributes));
        nonEmpty(auth, "verificationMechanisms").ifPresent(v -> section.put("user_verification_types",
                JsonText.parse(v)));
        if (version.atLeast(ClientConfigVersion.V1_3)) {
            nonEmpty(auth, "groups").ifPresent(v -> section.put("groups", JsonText.parse(v)));
        }
        nonEmpty(auth, "mfaConfiguration").ifPresent(mode -> section.put("mfa_configuration", switch (mode) {
            case "ON" -> "REQUIRED";
            case "OPTIONAL" -> "OPTIONAL";
            default -> "NONE";
        }));
        passwordPolicy(auth).ifPresent(policy -> section.put("password_policy", policy));
        oauth(auth).ifPresent(oauth -> section.put("oauth", oauth));
        nonEmpty(auth, "allowUnauthenticatedIdentities").ifPresent(allowed ->
                section.put("unauthenticated_identities_enabled", "true".equals(allowed)));
        if (version.atLeast(ClientConfigVersion.V1_4)) {
            nonEmpty(auth, "passwordlessOptions").ifPresent(v -> section.put("passwordless", passwordless(v)));
        }
        return section;
    }

    private static Optional<Map<String, Object>> passwordPolicy(Entry auth) {
        Optional<String> minLength = nonEmpty(auth, "passwordPolicyMinLength");
        Optional<String> requirements = nonEmpty(auth, "passwordPolicyRequirements");
        if (minLength.isEmpty() && requirements.isEmpty()) {
            return Optional.empty();
        }
        List<?> required = requirements.map(v -> (List<?>) JsonText.parse(v)).orElse(List.of());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("min_length", minLength.map(Integer::parseInt).orElse(8));
        policy.put("require_lowercase", required.contains("REQUIRES_LOWERCASE"));
        policy.put("require_numbers", required.contains("REQUIRES_NUMBERS"));
        policy.put("require_symbols", required.contains("REQUIRES_SYMBOLS"));
        policy.put("require_uppercase", required.contains("REQUIRES_UPPERCASE"));
        return Optional.of(policy);
    }

    /** Written only when the client has both sign-in and sign-out redirects, as Amplify does. */
    private static Optional<Map<String, Object>> oauth(Entry auth) {
        Optional<String> signIn = nonEmpty(auth, "oauthRedirectSignIn");
        Optional<String> signOut = nonEmpty(auth, "oauthRedirectSignOut");
        if (signIn.isEmpty() || signOut.isEmpty()) {
            return Optional.empty();
        }
        List<Object> providers = new ArrayList<>();
        nonEmpty(auth, "socialProviders").map(v -> (List<?>) JsonText.parse(v)).orElse(List.of()).stream()
                .filter(OAUTH_PROVIDERS::contains).forEach(providers::add);
        Map<String, Object> oauth = new LinkedHashMap<>();
        oauth.put("identity_providers", providers);
        oauth.put("redirect_sign_in_uri", Arrays.asList(signIn.get().split(",")));
        oauth.put("redirect_sign_out_uri", Arrays.asList(signOut.get().split(",")));
        oauth.put("response_type", auth.field("oauthResponseType").orElse("code"));
        oauth.put("scopes", nonEmpty(auth, "oauthScope").map(JsonText::parse).orElse(List.of()));
        oauth.put("domain", auth.field("oauthCognitoDomain").orElse(""));
        return Optional.of(oauth);
    }

    private static Map<String, Object> passwordless(String json) {
        Map<String, Object> options = JsonText.parseObject(json);
        Map<String, Object> passwordless = new LinkedHashMap<>();
        copy(options, "emailOtpEnabled", passwordless, "email_otp_enabled");
        copy(options, "smsOtpEnabled", passwordless, "sms_otp_enabled");
        if (options.get("webAuthn") instanceof Map<?, ?> webAuthn) {
            Map<String, Object> converted = new LinkedHashMap<>();
            converted.put("relying_party_id", webAuthn.get("relyingPartyId"));
            converted.put("user_verification", webAuthn.get("userVerification"));
            passwordless.put("web_authn", converted);
        }
        copy(options, "preferredChallenge", passwordless, "preferred_challenge");
        return passwordless;
    }

    private static void copy(Map<String, Object> from, String fromKey, Map<String, Object> to, String toKey) {
        if (from.get(fromKey) != null) {
            to.put(toKey, from.get(fromKey));
        }
    }

    /** Email MFA entered the schema in 1.4; older versions list only what their schema allows. */
    private static List<?> withoutEmail(List<?> types) {
        return types.stream().filter(type -> !"EMAIL".equals(type)).toList();
    }

    static Optional<String> nonEmpty(Entry entry, String field) {
        return entry.field(field).filter(value -> !value.isEmpty());
    }
}
