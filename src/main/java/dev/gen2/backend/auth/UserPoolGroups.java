package dev.gen2.backend.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * One Cognito group per name, with an IAM role of its own that signed-in members of the identity pool assume;
 * precedence follows the order given, the first group (precedence 0) winning.
 */
final class UserPoolGroups {

    private UserPoolGroups() {
    }

    static Map<String, AuthResources.Group> create(Construct scope, String idPrefix, UserPool userPool,
            CfnIdentityPool identityPool, List<String> groupNames) {
        Map<String, AuthResources.Group> groups = new LinkedHashMap<>();
        for (int precedence = 0; precedence < groupNames.size(); precedence++) {
            String groupName = groupNames.get(precedence);
            Role role = IdentityPoolSetup.trustedRole(scope, idPrefix + groupName + "GroupRole", identityPool,
                    "authenticated");
            CfnUserPoolGroup group = CfnUserPoolGroup.Builder.create(scope, idPrefix + groupName + "Group")
                    .userPoolId(userPool.getUserPoolId())
                    .groupName(groupName)
                    .roleArn(role.getRoleArn())
                    .precedence(precedence)
                    .build();
            groups.put(groupName, new AuthResources.Group(group, role));
        }
        return groups;
    }
}
