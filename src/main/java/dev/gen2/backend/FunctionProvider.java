package dev.gen2.backend;

import java.util.Map;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;

/** A resource that is, or owns, a Lambda function: what auth triggers, custom senders and access rules name. */
@FunctionalInterface
public interface FunctionProvider {

    IFunction lambda();

    /**
     * What invokers (triggers, schedules, data sources, bucket notifications) call: the function itself, or an alias
     * of its published version where the function runs from versions (SnapStart).
     */
    default IFunction invocationTarget() {
        return lambda();
    }

    /**
     * Takes access another resource grants: attaches the policy to the function's role, and sets each variable of
     * {@code ssmEnvironment} (name to SSM parameter path) from SSM when the function starts.
     */
    default void acceptResourceAccess(Policy policy, Map<String, String> ssmEnvironment) {
        IFunction function = lambda();
        if (function.getRole() == null || !(function instanceof Function cdkFunction)) {
            throw new BackendConfigException("function " + function.getNode().getPath(),
                    "Access can only be granted to a function made in this backend, with a role of its own.",
                    "grant access to a FunctionResource or a CDK Function built in this backend, not an imported one.");
        }
        policy.attachToRole(function.getRole());
        SsmEnvironment environment = SsmEnvironment.of(cdkFunction);
        ssmEnvironment.forEach(environment::add);
    }
}
