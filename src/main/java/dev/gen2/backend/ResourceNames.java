package dev.gen2.backend;

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
}
