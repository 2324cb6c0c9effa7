package dev.gen2.backend;

import java.util.Locale;
import java.util.regex.Pattern;

/** Amplify's rule for the names of auth, data, storage and function resources. */
public final class ResourceNames {
    private static final Pattern VALID = Pattern.compile("^[a-zA-Z][a-zA-Z0-9-_ ]*$");

    private ResourceNames() {
    }

    /** Fails unless the name starts with a letter and holds only letters, digits, '-', '_' and spaces. */
    public static String validate(String where, String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new BackendConfigException(where,
                    "Resource name contains invalid characters, found " + name + ".",
                    "start the name with a letter and use only letters, digits, '-', '_' and spaces.");
        }
        return name;
    }

    /** A resource name as the environment variables that carry its ids spell it: {@code amplifyAuth} is {@code AMPLIFY_AUTH}. */
    public static String screamingSnakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .toUpperCase(Locale.ROOT);
    }
}
