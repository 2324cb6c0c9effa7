package dev.gen2.backend.data;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.data.AuthorizationModes.ApiKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API's authorization modes once Amplify's rules are applied: the default mode and the additional ones, IAM
 * always among them, user pools whenever the backend has auth.
 *
 * @param defaultMode the mode requests use unless they name another
 * @param additional the other modes, in Amplify's order
 * @param apiKey the API key, when the API has one
 * @param modes the modes as configured
 */
record ApiAuthorization(AuthProvider defaultMode, List<AuthProvider> additional, Optional<ApiKey> apiKey,
        AuthorizationModes modes) {
    private static final String WHERE = "data.authorizationModes";
    /** The order Amplify's construct lists the modes in, which the API and the outputs keep. */
    private static final List<AuthProvider> AMPLIFY_ORDER = List.of(AuthProvider.API_KEY, AuthProvider.FUNCTION,
            AuthProvider.OIDC, AuthProvider.USER_POOLS, AuthProvider.IAM);

    static ApiAuthorization resolve(AuthorizationModes modes, boolean hasAuth) {
        AuthProvider defaultMode = modes.defaultMode().orElseGet(() -> implicitDefault(modes, hasAuth));
        if (defaultMode == AuthProvider.USER_POOLS && !hasAuth) {
            throw new BackendConfigException(WHERE + ".defaultAuthorizationMode", "The default mode userPool needs"
                    + " auth, and the backend has none.", "add an AuthResource or ReferenceAuth to Backend.define,"
                    + " or choose another default mode.");
        }
        Optional<ApiKey> apiKey = modes.apiKey().or(() -> defaultMode == AuthProvider.API_KEY
                ? Optional.of(ApiKey.defaults()) : Optional.empty());
        apiKey.ifPresent(ApiAuthorization::checkKey);
        if (defaultMode == AuthProvider.FUNCTION && modes.lambda().isEmpty()) {
            throw missingMode("lambda", "lambda(AuthorizationModes.Lambda.of(AUTHORIZER))");
        }
        if (defaultMode == AuthProvider.OIDC && modes.oidc().isEmpty()) {
            throw missingMode("oidc", "oidc(new AuthorizationModes.Oidc(...))");
        }
        Set<AuthProvider> enabled = EnumSet.of(defaultMode, AuthProvider.IAM);
        apiKey.ifPresent(key -> enabled.add(AuthProvider.API_KEY));
        modes.lambda().ifPresent(lambda -> enabled.add(AuthProvider.FUNCTION));
        modes.oidc().ifPresent(oidc -> enabled.add(AuthProvider.OIDC));
        if (hasAuth) {
            enabled.add(AuthProvider.USER_POOLS);
        }
        List<AuthProvider> additional = AMPLIFY_ORDER.stream().filter(enabled::contains)
                .filter(mode -> mode != defaultMode).toList();
        return new ApiAuthorization(defaultMode, List.copyOf(additional), apiKey, modes);
    }

    /** Amplify's {@code computeDefaultAuthorizationMode}. */
    private static AuthProvider implicitDefault(AuthorizationModes modes, boolean hasAuth) {
        if (!modes.anyConfigured()) {
            return hasAuth ? AuthProvider.USER_POOLS : AuthProvider.API_KEY;
        }
        List<AuthProvider> configured = new ArrayList<>();
        modes.apiKey().ifPresent(key -> configured.add(AuthProvider.API_KEY));
        modes.lambda().ifPresent(lambda -> configured.add(AuthProvider.FUNCTION));
        modes.oidc().ifPresent(oidc -> configured.add(AuthProvider.OIDC));
        if (!hasAuth && configured.size() == 1) {
            return configured.get(0);
        }
        throw new BackendConfigException(WHERE, "A defaultAuthorizationMode is required if multiple authorization"
                + " modes are configured.", "set defaultMode(...) on the AuthorizationModes.");
    }

    private static void checkKey(ApiKey key) {
        if (key.expiresInDays() < 1 || key.expiresInDays() > 365) {
            throw new BackendConfigException(WHERE + ".apiKey.expiresInDays", "An API key must expire in 1 to 365"
                    + " days; " + key.expiresInDays() + " was given.", "give a number of days from 1 to 365.");
        }
    }

    private static BackendConfigException missingMode(String mode, String call) {
        return new BackendConfigException(WHERE + ".defaultAuthorizationMode", "The default mode " + mode
                + " is not configured.", "configure it with " + call + ".");
    }

    /** The modes the API accepts, the default first. */
    List<AuthProvider> enabled() {
        List<AuthProvider> all = new ArrayList<>();
        all.add(defaultMode);
        all.addAll(additional);
        return all;
    }

    /**
     * Checks that every rule's mode is on: an API key rule needs the API key, user pool, owner and group rules and
     * identity pool rules need auth, custom rules the Lambda authorizer, OIDC rules the OIDC provider.
     */
    void requireModesFor(Schema schema, boolean hasAuth) {
        for (Model model : schema.models()) {
            requireModesFor("data.schema." + model.name() + ".authorization", schema.allRulesOf(model), hasAuth);
        }
        for (CustomOperation operation : schema.operations()) {
            requireModesFor("data.schema." + operation.kind().typeName() + "." + operation.name() + ".authorization",
                    operation.rules(), hasAuth);
        }
    }

    private void requireModesFor(String where, List<AuthRule> rules, boolean hasAuth) {
        for (AuthRule rule : rules) {
            boolean needsAuth = rule.provider() == AuthProvider.USER_POOLS || rule.provider() == AuthProvider.IAM;
            if (needsAuth && !hasAuth || !needsAuth && !enabled().contains(rule.provider())) {
                throw new BackendConfigException(where, "A " + rule.strategy().amplifyName() + " rule uses the "
                        + rule.provider().amplifyName() + " provider, which the API does not have.",
                        fixFor(rule.provider()));
            }
        }
    }

    private static String fixFor(AuthProvider provider) {
        return switch (provider) {
            case API_KEY -> "add apiKey(AuthorizationModes.ApiKey.defaults()) to the authorization modes.";
            case USER_POOLS, IAM -> "add an AuthResource or ReferenceAuth to Backend.define.";
            case OIDC -> "add oidc(...) to the authorization modes.";
            case FUNCTION -> "add lambda(AuthorizationModes.Lambda.of(AUTHORIZER)) to the authorization modes.";
        };
    }
}
