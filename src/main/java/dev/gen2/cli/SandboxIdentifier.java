package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A sandbox's identifier: the one given, or the OS user name, checked against Amplify's rule. */
final class SandboxIdentifier {
    private static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9-]{1,15}$");

    private SandboxIdentifier() {
    }

    static String resolve(String given) {
        String identifier = Optional.ofNullable(given).orElseGet(() -> System.getProperty("user.name", ""));
        if (!VALID.matcher(identifier).matches()) {
            throw new BackendConfigException("--identifier", "Invalid --identifier provided: " + identifier,
                    given == null
                            ? "your user name is not a valid identifier: pass --identifier with 1 to 15 letters,"
                                    + " digits and hyphens."
                            : "use 1 to 15 letters, digits and hyphens.");
        }
        return identifier;
    }
}
