package dev.gen2.backend.function;

import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The Java versions a Java function runs on: 21 (the default) and 25. Java 17, which Amplify's users might expect,
 * is past its Lambda deprecation (cfn-lint reports it as E2533), so choosing it fails at synth rather than at
 * deploy.
 */
public enum JavaRuntime {
    JAVA_17(Runtime.JAVA_17, false), JAVA_21(Runtime.JAVA_21, true), JAVA_25(Runtime.JAVA_25, true);

    private final Runtime runtime;
    private final boolean creatable;

    JavaRuntime(Runtime runtime, boolean creatable) {
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
