package dev.gen2.backend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.constructs.Node;

/**
 * Who a backend is: Amplify's backend identifier. The namespace is the Amplify app id (branch) or the project
 * name (sandbox, standalone); the name is the git branch, or the developer's sandbox identifier.
 *
 * @param namespace the app id or project name, as given (not sanitised)
 * @param name the branch or sandbox identifier, as given (not sanitised)
 * @param type the kind of deployment
 */
public record BackendId(String namespace, String name, DeploymentType type) {
    public static final String NAMESPACE_KEY = "amplify-backend-namespace";
    public static final String NAME_KEY = "amplify-backend-name";
    public static final String TYPE_KEY = "amplify-backend-type";

    private static final int MAX_STACK_NAME_LENGTH = 128;
    private static final int MAX_NAME_LENGTH = 50;
    private static final int HASH_LENGTH = 10;
    private static final int STABLE_HASH_LENGTH = 20;

    public BackendId {
        requireNonBlank(namespace, NAMESPACE_KEY);
        requireNonBlank(name, NAME_KEY);
        if (type == null) {
            throw missing(TYPE_KEY);
        }
    }

    /** Reads the identity from the CDK context keys Amplify uses, with an error naming any key that is missing. */
    public static BackendId fromContext(Node node) {
        return new BackendId(
                contextValue(node, NAMESPACE_KEY),
                contextValue(node, NAME_KEY),
                DeploymentType.fromValue(contextValue(node, TYPE_KEY)));
    }

    /**
     * The root stack name, formed exactly as Amplify forms it: {@code amplify-<namespace>-<name>-<type>-<hash>},
     * with namespace and name stripped to letters and digits, the name cut to 50 characters, the namespace cut so
     * the whole fits CloudFormation's 128, and the hash the first 10 hex digits of sha512(namespace + name) over
     * the values as given.
     */
    public String stackName() {
        String cleanName = truncate(sanitize(name), MAX_NAME_LENGTH);
        int namespaceRoom = MAX_STACK_NAME_LENGTH - "amplify".length() - type.value().length() - cleanName.length()
                - 4 - HASH_LENGTH - 1;
        String cleanNamespace = truncate(sanitize(namespace), namespaceRoom);
        return String.join("-", "amplify", cleanNamespace, cleanName, type.value(), hash());
    }

    /**
     * Amplify's SSM path of a value one resource passes to another (a user pool id to a function, say):
     * {@code /amplify/resource_reference/<namespace>/<name>-<type>-<hash>/<KEY>}, with namespace and name cleaned
     * as in the stack name.
     */
    public String resourceReferencePath(String key) {
        return "/amplify/resource_reference/" + pathPart() + "/" + key;
    }

    /**
     * The backend's part of SSM parameter paths, {@code <namespace>/<name>-<type>-<hash>}, cleaned and cut as in the
     * stack name.
     */
    public String pathPart() {
        String[] parts = stackName().split("-");
        return parts[1] + "/" + parts[2] + "-" + parts[3] + "-" + parts[4];
    }

    /** The 10-character hash at the end of the stack name: sha512 over namespace then name. */
    public String hash() {
        return sha512Hex(namespace + name).substring(0, HASH_LENGTH);
    }

    /**
     * Amplify's stable backend hash, sha512 over type, namespace and name, 20 characters: the default Cognito
     * domain prefix.
     */
    public String stableHash() {
        return sha512Hex(type.value() + namespace + name).substring(0, STABLE_HASH_LENGTH);
    }

    private static String contextValue(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null || value.toString().isBlank()) {
            throw missing(key);
        }
        return value.toString();
    }

    private static void requireNonBlank(String value, String key) {
        if (value == null || value.isBlank()) {
            throw missing(key);
        }
    }

    private static BackendConfigException missing(String key) {
        return new BackendConfigException("CDK context key " + key,
                "No context value present for " + key + " key.",
                "pass -c " + key + "=VALUE to cdk, or set it under \"context\" in cdk.json.");
    }

    private static String sanitize(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, Math.max(0, length));
    }

    private static String sha512Hex(String input) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            return HexFormat.of().formatHex(digest.digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every Java runtime", e);
        }
    }
}
