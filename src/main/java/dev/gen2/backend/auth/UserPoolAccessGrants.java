package dev.gen2.backend.auth;

import dev.gen2.backend.BackendContext;
import dev.gen2.backend.ResourceNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ssm.StringParameter;

/**
 * Auth's access rules, as Amplify grants them: one policy {@code userpoolAccess<N>} per rule in the auth stack,
 * allowing the rule's Cognito actions on the user pool, attached to the function's role; and the pool's id in an
 * SSM parameter at Amplify's resource-reference path, which the function reads when it starts.
 */
final class UserPoolAccessGrants {

    private UserPoolAccessGrants() {
    }

    static void grant(BackendContext backend, AuthResource auth, String authName, List<AuthAccess> rules) {
        if (rules.isEmpty()) {
            return;
        }
        Stack stack = Stack.of(auth);
        String variable = ResourceNames.screamingSnakeCase(authName) + "_USERPOOL_ID";
        String path = backend.backendId().resourceReferencePath(variable);
        StringParameter.Builder.create(stack, variable + "Parameter")
                .parameterName(path)
                .stringValue(auth.userPool().getUserPoolId())
                .build();
        int number = 1;
        for (AuthAccess rule : rules) {
            Set<String> actions = new LinkedHashSet<>();
            rule.actions().forEach(action -> actions.addAll(action.iamActions()));
            Policy policy = Policy.Builder.create(stack, "userpoolAccess" + number++)
                    .statements(List.of(PolicyStatement.Builder.create()
                            .actions(List.copyOf(actions))
                            .resources(List.of(auth.userPool().getUserPoolArn()))
                            .build()))
                    .build();
            backend.get(rule.function()).acceptResourceAccess(policy, Map.of(variable, path));
        }
    }
}
