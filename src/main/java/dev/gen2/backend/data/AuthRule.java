package dev.gen2.backend.data;

import dev.gen2.backend.Required;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One authorization rule of a model or field, Amplify's {@code allow.owner()}, {@code allow.groups([...])} and the
 * others. Data is denied unless a rule allows it. Make rules with the static methods, then narrow them with
 * {@link #to}.
 *
 * <pre>{@code
 * AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ), AuthRule.publicApiKey().to(Operation.READ)
 * }</pre>
 *
 * @param strategy who the rule lets in
 * @param provider the authorization mode the caller must use
 * @param operations what the rule allows
 * @param ownerField for owner rules: the field holding the owner, or the list of owners
 * @param multiple for owner and dynamic group rules: whether the field is a list
 * @param groups for static group rules: the groups allowed
 * @param groupsField for dynamic group rules: the field naming the group, or groups, allowed
 * @param identityClaim for owner rules: the token claim compared with the owner field
 * @param groupClaim for group rules: the token claim listing the caller's groups
 */
public record AuthRule(Strategy strategy, AuthProvider provider, Set<Operation> operations,
        Optional<String> ownerField, boolean multiple, List<String> groups, Optional<String> groupsField,
        String identityClaim, String groupClaim) {

    static final String DEFAULT_OWNER_FIELD = "owner";
    static final String DEFAULT_IDENTITY_CLAIM = "sub::username";
    static final String DEFAULT_GROUP_CLAIM = "cognito:groups";

    /** Who a rule lets in, as Amplify's model introspection names it. */
    public enum Strategy {
        PUBLIC("public"), PRIVATE("private"), OWNER("owner"), GROUPS("groups"), CUSTOM("custom");

        private final String amplifyName;

        Strategy(String amplifyName) {
            this.amplifyName = amplifyName;
        }

        public String amplifyName() {
            return amplifyName;
        }
    }

    public AuthRule {
        operations = operations.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(operations);
        groups = List.copyOf(groups);
    }

    private static AuthRule of(Strategy strategy, AuthProvider provider) {
        return new AuthRule(strategy, provider, Operation.defaults(), Optional.empty(), false, List.of(),
                Optional.empty(), DEFAULT_IDENTITY_CLAIM, DEFAULT_GROUP_CLAIM);
    }

    /** Anyone with the API key: {@code allow.publicApiKey()}. */
    public static AuthRule publicApiKey() {
        return of(Strategy.PUBLIC, AuthProvider.API_KEY);
    }

    /** Guests, signed out, through the identity pool: {@code allow.guest()}. */
    public static AuthRule guest() {
        return of(Strategy.PUBLIC, AuthProvider.IAM);
    }

    /** Any signed-in user of the user pool: {@code allow.authenticated()}. */
    public static AuthRule authenticated() {
        return of(Strategy.PRIVATE, AuthProvider.USER_POOLS);
    }

    /**
     * Any signed-in user through the given provider: {@code allow.authenticated('identityPool')} is
     * {@code authenticated(AuthProvider.IAM)}, and {@code OIDC} is the OpenID Connect provider.
     */
    public static AuthRule authenticated(AuthProvider provider) {
        return of(Strategy.PRIVATE, provider);
    }

    /** The user who created the record, stored in the implicit field {@code owner}: {@code allow.owner()}. */
    public static AuthRule owner() {
        return ownerDefinedIn(DEFAULT_OWNER_FIELD);
    }

    /** The user named in {@code field}: {@code allow.ownerDefinedIn('author')}. */
    public static AuthRule ownerDefinedIn(String field) {
        AuthRule rule = of(Strategy.OWNER, AuthProvider.USER_POOLS);
        return new AuthRule(rule.strategy, rule.provider, rule.operations, Optional.of(field), false, List.of(),
                Optional.empty(), rule.identityClaim, rule.groupClaim);
    }

    /** Any user listed in the list field {@code field}: {@code allow.ownersDefinedIn('editors')}. */
    public static AuthRule ownersDefinedIn(String field) {
        AuthRule rule = ownerDefinedIn(field);
        return new AuthRule(rule.strategy, rule.provider, rule.operations, rule.ownerField, true, List.of(),
                Optional.empty(), rule.identityClaim, rule.groupClaim);
    }

    /** Members of any of the user pool groups: {@code allow.groups(['ADMINS'])}. */
    public static AuthRule groups(String... groupNames) {
        AuthRule rule = of(Strategy.GROUPS, AuthProvider.USER_POOLS);
        return new AuthRule(rule.strategy, rule.provider, rule.operations, Optional.empty(), false,
                Required.each("AuthRule.groups", "A group name", "name the groups, such as"
                        + " AuthRule.groups(\"ADMINS\").", groupNames), Optional.empty(), rule.identityClaim,
                rule.groupClaim);
    }

    /** Members of the group named in {@code field}: {@code allow.groupDefinedIn('team')}. */
    public static AuthRule groupDefinedIn(String field) {
        AuthRule rule = of(Strategy.GROUPS, AuthProvider.USER_POOLS);
        return new AuthRule(rule.strategy, rule.provider, rule.operations, Optional.empty(), false, List.of(),
                Optional.of(field), rule.identityClaim, rule.groupClaim);
    }

    /** Members of any group listed in the list field {@code field}: {@code allow.groupsDefinedIn('teams')}. */
    public static AuthRule groupsDefinedIn(String field) {
        AuthRule rule = groupDefinedIn(field);
        return new AuthRule(rule.strategy, rule.provider, rule.operations, Optional.empty(), true, List.of(),
                rule.groupsField, rule.identityClaim, rule.groupClaim);
    }

    /** Whoever the API's Lambda authorizer lets in: {@code allow.custom()}. */
    public static AuthRule custom() {
        return of(Strategy.CUSTOM, AuthProvider.FUNCTION);
    }

    /** The same rule allowing only the given operations: {@code .to(['read'])}. */
    public AuthRule to(Operation... allowed) {
        return new AuthRule(strategy, provider, Set.copyOf(List.of(allowed)), ownerField, multiple, groups, groupsField,
                identityClaim, groupClaim);
    }

    /** The same rule through another provider: {@code .withClaimIn}-style changes for OIDC or identity pools. */
    public AuthRule withProvider(AuthProvider otherProvider) {
        return new AuthRule(strategy, otherProvider, operations, ownerField, multiple, groups, groupsField,
                identityClaim, groupClaim);
    }

    /** The same owner rule comparing the owner field with another token claim: {@code .identityClaim('email')}. */
    public AuthRule identityClaim(String claim) {
        return new AuthRule(strategy, provider, operations, ownerField, multiple, groups, groupsField, claim,
                groupClaim);
    }

    /** The same group rule reading groups from another token claim: {@code .withClaimIn('custom:groups')}. */
    public AuthRule groupClaim(String claim) {
        return new AuthRule(strategy, provider, operations, ownerField, multiple, groups, groupsField,
                identityClaim, claim);
    }

    /** Whether this rule allows the operation, {@code READ} covering get, list, listen, sync and search. */
    public boolean allows(Operation operation) {
        return Operation.allows(operations, operation);
    }
}
