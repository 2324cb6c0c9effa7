package dev.gen2.backend.function;

import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The Node.js versions Amplify offers: 18, 20, 22 (the default) and 24. Lambda no longer creates functions on 18
 * and 20 (they are past their deprecation; cfn-lint reports them as E2533), so choosing them fails at synth rather
 * than at deploy.
 */
public enum NodeRuntime {
    NODE_18(Runtime.NODEJS_18_X, false), NODE_20(Runtime.NODEJS_20_X, false), NODE_22(Runtime.NODEJS_22_X, true),
    NODE_24(Runtime.NODEJS_24_X, true);

    private final Runtime runtime;
    private final boolean creatable;

    NodeRuntime(Runtime runtime, boolean creatable) {
        this.runtime = runtime;
        this.creatable = creatable;
    }

    /** Whether Lambda still creates functions on this runtime. */
    public boolean creatable() {
        return creatable;
    }

    Runtime toCdk() {
        return runtime;
    }
}
