package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the frontend configuration from a backend's outputs: {@code amplify_outputs.json} of versions 1 to 1.5,
 * field for field as Amplify's generator builds it, or the legacy version 0 ({@code amplifyconfiguration.json}).
 */
public final class ClientConfigGenerator {

    private ClientConfigGenerator() {
    }

    /** The configuration of a backend without data, or whose data needs no model introspection read. */
    public static Map<String, Object> generate(BackendOutput output, ClientConfigVersion version) {
        return generate(output, version, ModelIntrospectionSource.unavailable());
    }

    /** The configuration, reading the data section's model introspection from {@code introspection}. */
    public static Map<String, Object> generate(BackendOutput output, ClientConfigVersion version,
            ModelIntrospectionSource introspection) {
        if (version.isLegacy()) {
            return LegacyConfigConverter.convert(generate(output, ClientConfigVersion.V1_5, introspection));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        output.entry(BackendOutput.AUTH).ifPresent(auth -> config.put("auth", AuthConfigSection.build(auth, version)));
        output.entry(BackendOutput.GRAPHQL).ifPresent(data -> config.put("data",
                DataConfigSection.build(data, introspection)));
        output.entry(BackendOutput.STORAGE)
                .ifPresent(storage -> config.put("storage", StorageConfigSection.build(storage, version)));
        config.put("version", version.value());
        output.entry(BackendOutput.CUSTOM).flatMap(custom -> AuthConfigSection.nonEmpty(custom, "customOutputs"))
                .ifPresent(custom -> mergeCustom(config, JsonText.parseObject(custom), ""));
        return config;
    }

    /**
     * Merges what {@code backend.addOutput} recorded over the generated configuration, as Amplify does: objects
     * merge, lists concatenate, a value the backend already set is an error. Its {@code version} is the one
     * generated.
     */
    @SuppressWarnings("unchecked")
    private static void mergeCustom(Map<String, Object> target, Map<String, Object> custom, String path) {
        custom.forEach((key, value) -> {
            if (path.isEmpty() && "version".equals(key)) {
                return;
            }
            String keyPath = path.isEmpty() ? key : path + "." + key;
            Object existing = target.get(key);
            if (existing == null) {
                target.put(key, value);
            } else if (existing instanceof Map && value instanceof Map) {
                mergeCustom((Map<String, Object>) existing, (Map<String, Object>) value, keyPath);
            } else if (existing instanceof List && value instanceof List) {
                List<Object> joined = new ArrayList<>((List<Object>) existing);
                joined.addAll((List<Object>) value);
                target.put(key, joined);
            } else {
                throw new BackendConfigException("backend.addOutput",
                        "Output entry with key " + keyPath + " already exists.",
                        "choose a key the backend's own resources do not write, such as one under custom.");
            }
        });
    }
}
