package dev.gen2.backend;

import java.util.Map;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;
import software.amazon.awscdk.services.iam.IRole;

/**
 * What other resources need of a backend's auth, whether the backend owns its user pool or references an
 * existing one: the pool, its web client, the identity pool and the roles that access rules attach policies to.
 */
public interface BackendAuth {

    IUserPool userPool();

    IUserPoolClient userPoolClient();

    String identityPoolId();

    /** The role signed-in users assume through the identity pool. */
    IRole authenticatedUserRole();

    /** The role guests assume through the identity pool. */
    IRole unauthenticatedUserRole();

    /** The role of each user pool group, by group name, in precedence order. */
    Map<String, IRole> groupRoles();
}
