package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The versions of the frontend configuration: the legacy {@code 0} and {@code amplify_outputs} 1 to 1.5. */
public enum ClientConfigVersion {
    V0("0"), V1("1"), V1_1("1.1"), V1_2("1.2"), V1_3("1.3"), V1_4("1.4"), V1_5("1.5");

    /** What Amplify writes when no version is asked for. */
    public static final ClientConfigVersion DEFAULT = V1_5;

    private final String value;

    ClientConfigVersion(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean isLegacy() {
        return this == V0;
    }

    public boolean atLeast(ClientConfigVersion other) {
        return compareTo(other) >= 0;
    }

    public static ClientConfigVersion fromValue(String value) {
        return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst()
                .orElseThrow(() -> new BackendConfigException("--outputs-version",
                        "Unknown outputs version '" + value + "'.", "choose one of "
                                + Arrays.stream(values()).map(ClientConfigVersion::value)
                                        .collect(Collectors.joining(", ")) + "."));
    }

    @Override
    public String toString() {
        return value;
    }
}
