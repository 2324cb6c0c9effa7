package dev.gen2.backend;

import java.util.regex.Pattern;

/**
 * A value kept out of the code and the templates, Amplify's {@code secret('NAME')}: an SSM SecureString parameter
 * of the backend, {@code /amplify/<namespace>/<name>-<type>-<hash>/<NAME>}, or failing that of the whole app,
 * {@code /amplify/shared/<namespace>/<NAME>}. Only the parameter paths reach the templates; functions read the
 * value when they start.
 *
 * @param name the secret's name: letters, digits, {@code _}, {@code .} and {@code -}
 */
public record Secret(String name) {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_.-]+$");

    public Secret {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BackendConfigException("secret(\"" + name + "\")", "Invalid secret name provided: " + name + ".",
                    "use letters, digits, '_', '.' and '-' only.");
        }
    }

    public static Secret of(String name) {
        return new Secret(name);
    }

    /** The backend's own parameter: {@code /amplify/<namespace>/<name>-<type>-<hash>/<NAME>}. */
    public String path(BackendId backendId) {
        return "/amplify/" + backendId.pathPart() + "/" + name;
    }

    /** The app-wide parameter every environment falls back to: {@code /amplify/shared/<namespace>/<NAME>}. */
    public String sharedPath(BackendId backendId) {
        return "/amplify/shared/" + backendId.stackName().split("-")[1] + "/" + name;
    }
}
