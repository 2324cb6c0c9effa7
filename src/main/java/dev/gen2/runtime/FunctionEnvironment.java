package dev.gen2.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The environment of a Java function of the backend, for its handler code: what {@code gen2-runtime.js} does for
 * Node.js. A variable listed in {@code AMPLIFY_SSM_ENV_CONFIG} (a granted resource's id, a secret) holds only a
 * placeholder; {@link #get} reads its value from SSM, the backend's parameter first and then the app's shared one,
 * once per cold start.
 *
 * <pre>{@code
 * String bucket = FunctionEnvironment.get("MEDIA_BUCKET_NAME");
 * }</pre>
 */
public final class FunctionEnvironment {
    private static final String CONFIG = "AMPLIFY_SSM_ENV_CONFIG";
    private static final int BATCH = 10;
    private static Map<String, String> resolved;

    private FunctionEnvironment() {
    }

    /** The variable's value, read from SSM where the backend keeps it there; fails if it is set nowhere. */
    public static String get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("The environment variable " + name
                + " is not set for this function."));
    }

    public static Optional<String> find(String name) {
        Map<String, String> fromSsm = resolveOnce();
        return Optional.ofNullable(fromSsm.containsKey(name) ? fromSsm.get(name) : System.getenv(name));
    }

    private static synchronized Map<String, String> resolveOnce() {
        if (resolved == null) {
            String config = System.getenv(CONFIG);
            resolved = config == null || config.isBlank() ? Map.of() : resolve(config);
        }
        return resolved;
    }

    private static Map<String, String> resolve(String configJson) {
        Map<String, JsonNode> config = JsonNode.parser().parse(configJson).asObject();
        if (config.isEmpty()) {
            return Map.of();
        }
        try (SsmClient ssm = SsmClient.create()) {
            Map<String, String> primary = fetch(ssm, config.values().stream()
                    .map(entry -> entry.asObject().get("path").text()).distinct().toList());
            List<String> fallbacks = new ArrayList<>();
            config.forEach((name, entry) -> {
                Map<String, JsonNode> paths = entry.asObject();
                if (!primary.containsKey(paths.get("path").text()) && paths.containsKey("sharedPath")) {
                    fallbacks.add(paths.get("sharedPath").text());
                }
            });
            Map<String, String> shared = fallbacks.isEmpty() ? Map.of() : fetch(ssm, fallbacks);
            Map<String, String> values = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            config.forEach((name, entry) -> {
                Map<String, JsonNode> paths = entry.asObject();
                String path = paths.get("path").text();
                String value = primary.containsKey(path) ? primary.get(path)
                        : paths.containsKey("sharedPath") ? shared.get(paths.get("sharedPath").text()) : null;
                if (value == null) {
                    missing.add(name + " (" + path + ")");
                } else {
                    values.put(name, value);
                }
            });
            if (!missing.isEmpty()) {
                throw new IllegalStateException("These SSM parameters could not be read: " + String.join(", ", missing));
            }
            return values;
        }
    }

    private static Map<String, String> fetch(SsmClient ssm, List<String> paths) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < paths.size(); i += BATCH) {
            List<String> batch = paths.subList(i, Math.min(paths.size(), i + BATCH));
            for (Parameter parameter : ssm.getParameters(request -> request.names(batch).withDecryption(true))
                    .parameters()) {
                values.put(parameter.name(), parameter.value());
            }
        }
        return values;
    }
}
