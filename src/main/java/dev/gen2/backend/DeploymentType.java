package dev.gen2.backend;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kind of environment a backend is deployed as: Amplify's {@code amplify-backend-type}. */
public enum DeploymentType {
    /** One per developer, torn down with everything in it. */
    SANDBOX,
    /** One per git branch, deployed by CI. */
    BRANCH,
    /** A named environment deployed without Amplify Hosting. */
    STANDALONE;

    /** The value used in CDK context and in stack names: {@code sandbox}, {@code branch}, {@code standalone}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a context value, failing with the list of accepted values. */
    public static DeploymentType fromValue(String value) {
        return Arrays.stream(values())
                .filter(type -> type.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new BackendConfigException(
                        "CDK context key " + BackendId.TYPE_KEY,
                        BackendId.TYPE_KEY + " CDK context value is not in (" + acceptedValues() + "), found '"
                                + value + "'.",
                        "pass -c " + BackendId.TYPE_KEY + "=sandbox (or branch, standalone)."));
    }

    private static String acceptedValues() {
        return Arrays.stream(values()).map(DeploymentType::value).collect(Collectors.joining(", "));
    }
}
