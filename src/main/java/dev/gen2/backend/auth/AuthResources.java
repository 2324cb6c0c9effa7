package dev.gen2.backend.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolRoleAttachment;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.IUserPoolIdentityProvider;
import software.amazon.awscdk.services.iam.Role;

/**
 * The escape hatches of an auth resource, Amplify's {@code backend.auth.resources}: the L2 constructs and the L1
 * resources under them. Changes made to the L1 properties show in the recorded outputs.
 */
public record AuthResources(
        UserPool userPool,
        UserPoolClient userPoolClient,
        Role authenticatedUserIamRole,
        Role unauthenticatedUserIamRole,
        String identityPoolId,
        CfnUserPool cfnUserPool,
        CfnUserPoolClient cfnUserPoolClient,
        CfnIdentityPool cfnIdentityPool,
        CfnIdentityPoolRoleAttachment cfnIdentityPoolRoleAttachment,
        Map<String, Group> groups,
        List<IUserPoolIdentityProvider> identityProviders,
        Optional<UserPoolDomain> domain) {

    /** A user pool group and the role its members get. */
    public record Group(CfnUserPoolGroup cfnUserGroup, Role role) {
    }

    public AuthResources {
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        identityProviders = List.copyOf(identityProviders);
    }
}
