package dev.gen2.backend.function;

import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The runtimes a function runs on: Amplify's Node.js 18, 20, 22 (the default) and 24, and Java 17, 21 (the default
 * for a Java handler) and 25. Lambda no longer creates functions on Node.js 18 and 20 or Java 17 (they are past
 * their deprecation; cfn-lint reports them as E2533), so choosing them fails at synth rather than at deploy.
 */
public enum FunctionRuntime {
    NODE_18(Runtime.NODEJS_18_X, 0, false),
    NODE_20(Runtime.NODEJS_20_X, 0, false),
    NODE_22(Runtime.NODEJS_22_X, 0, true),
    NODE_24(Runtime.NODEJS_24_X, 0, true),
    JAVA_17(Runtime.JAVA_17, 17, false),
    JAVA_21(Runtime.JAVA_21, 21, true),
    JAVA_25(Runtime.JAVA_25, 25, true);

    private final Runtime runtime;
    private final int javaVersion;
    private final boolean creatable;

    FunctionRuntime(Runtime runtime, int javaVersion, boolean creatable) {
        this.runtime = runtime;
        this.javaVersion = javaVersion;
        this.creatable = creatable;
    }

    /** Whether this runs Java handlers, rather than Node.js. */
    public boolean isJava() {
        return javaVersion > 0;
    }

    /** The Java version a Java runtime runs (its newest class files), such as 21; 0 for Node.js. */
    public int javaVersion() {
        return javaVersion;
    }

    /** Whether Lambda still creates functions on this runtime. */
    public boolean creatable() {
        return creatable;
    }

    Runtime toCdk() {
        return runtime;
    }
}
