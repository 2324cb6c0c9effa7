package dev.gen2.backend.auth;

import dev.gen2.backend.SecurityCheckSuppressions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolRoleAttachment;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The identity pool, with guests allowed, the user pool client as its provider and the social providers as login
 * providers; the authenticated and guest roles trusting only this pool; and the role attachment that lets a
 * group's role, through the token's role claim, win over the authenticated role.
 */
final class IdentityPoolSetup {
    static final String COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

    record Result(CfnIdentityPool identityPool, Role authenticatedRole, Role unauthenticatedRole,
            CfnIdentityPoolRoleAttachment roleAttachment) {
    }

    private final String idPrefix;

    IdentityPoolSetup(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    Result create(Construct scope, UserPool userPool, UserPoolClient client, Map<String, String> loginProviders) {
        String region = Stack.of(scope).getRegion();
        String providerName = Fn.join("", List.of("cognito-idp.", region, ".amazonaws.com/",
                userPool.getUserPoolId()));
        CfnIdentityPool identityPool = CfnIdentityPool.Builder.create(scope, idPrefix + "IdentityPool")
                .allowUnauthenticatedIdentities(true)
                .build();
        SecurityCheckSuppressions.suppress(identityPool, "COG7", "Guest access through the identity pool is"
                + " Amplify's default and what guest data and storage rules use; the unauthenticated role is granted"
                + " only what guest rules allow, nothing when there are none.");
        Role authenticated = trustedRole(scope, idPrefix + "authenticatedUserRole", identityPool, "authenticated");
        Role unauthenticated = trustedRole(scope, idPrefix + "unauthenticatedUserRole", identityPool,
                "unauthenticated");
        CfnIdentityPoolRoleAttachment attachment = CfnIdentityPoolRoleAttachment.Builder
                .create(scope, idPrefix + "IdentityPoolRoleAttachment")
                .identityPoolId(identityPool.getRef())
                .roles(new TreeMap<>(Map.of("unauthenticated", unauthenticated.getRoleArn(),
                        "authenticated", authenticated.getRoleArn())))
                .roleMappings(Map.of("UserPoolWebClientRoleMapping",
                        CfnIdentityPoolRoleAttachment.RoleMappingProperty.builder()
                                .type("Token")
                                .ambiguousRoleResolution("AuthenticatedRole")
                                .identityProvider(Fn.join("", List.of(providerName, ":",
                                        client.getUserPoolClientId())))
                                .build()))
                .build();
        identityPool.setCognitoIdentityProviders(List.of(CfnIdentityPool.CognitoIdentityProviderProperty.builder()
                .clientId(client.getUserPoolClientId())
                .providerName(providerName)
                .build()));
        identityPool.setSupportedLoginProviders(loginProviders);
        return new Result(identityPool, authenticated, unauthenticated, attachment);
    }

    /** A role that only identities of this identity pool, signed in or guest as {@code amr} says, can assume. */
    static Role trustedRole(Construct scope, String id, CfnIdentityPool identityPool, String amr) {
        return Role.Builder.create(scope, id)
                .assumedBy(new FederatedPrincipal(COGNITO_IDENTITY, new TreeMap<>(Map.of(
                        "StringEquals", Map.of(COGNITO_IDENTITY + ":aud", identityPool.getRef()),
                        "ForAnyValue:StringLike", Map.of(COGNITO_IDENTITY + ":amr", amr))),
                        "sts:AssumeRoleWithWebIdentity"))
                .build();
    }
}
