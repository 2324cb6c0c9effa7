package dev.gen2.testing;

import java.util.Map;

/**
 * Whether the tests run in CI, as CI services say it: the {@code CI} environment variable set to anything but
 * {@code false}, {@code 0} or nothing (GitHub Actions, GitLab CI, CircleCI, Travis and most others set
 * {@code CI=true}; Jest turns its {@code --ci} on from the same variable). Under CI, a check that would otherwise
 * write what it compares against, or skip, fails instead.
 */
public final class ContinuousIntegration {
    /** The variable CI services set. */
    public static final String VARIABLE = "CI";

    private ContinuousIntegration() {
    }

    /** Whether this process runs in CI. */
    public static boolean detected() {
        return detectedIn(System.getenv());
    }

    /** Whether an environment is a CI one. */
    public static boolean detectedIn(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "").strip();
        return !value.isEmpty() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }
}
