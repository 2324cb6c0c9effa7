package dev.gen2.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.IStableStringProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;

/**
 * The outputs a user adds with {@code backend.addOutput(...)}: partial {@code amplify_outputs.json} objects,
 * deep-merged as Amplify merges them (lists concatenate, a scalar set twice is an error, {@code version} keeps the
 * highest of one major version), stored as the single output {@code customOutputs} under
 * {@code AWS::Amplify::Custom}. Keys are written sorted, so the template is the same whatever map type the
 * caller used.
 */
public final class CustomOutputs {
    /** The version Amplify gives an added output that names none. */
    public static final String DEFAULT_VERSION = "1.4";
    private static final String VERSION = "version";

    private final Map<String, Object> merged = new TreeMap<>();
    private final Stack rootStack;
    private final BackendOutputStorage storage;
    private boolean recorded;

    public CustomOutputs(Stack rootStack, BackendOutputStorage storage) {
        this.rootStack = rootStack;
        this.storage = storage;
    }

    /** Merges one partial outputs object; values may hold deploy-time tokens. */
    public void add(Map<String, ?> part) {
        Map<String, Object> withVersion = new LinkedHashMap<>(part);
        withVersion.putIfAbsent(VERSION, DEFAULT_VERSION);
        mergeVersion(withVersion.remove(VERSION).toString());
        mergeInto(merged, withVersion, "");
        if (!recorded) {
            recorded = true;
            storage.addEntry(BackendOutputStorage.CUSTOM_KEY, "1", Map.of("customOutputs",
                    Lazy.string((IStableStringProducer) () -> rootStack.toJsonString(merged))));
        }
    }

    private void mergeVersion(String version) {
        Object existing = merged.get(VERSION);
        if (existing == null) {
            merged.put(VERSION, version);
            return;
        }
        String current = existing.toString();
        if (!major(current).equals(major(version))) {
            throw new BackendConfigException("backend.addOutput",
                    "Conflicting versions of client configuration found: " + current + " and " + version + ".",
                    "add outputs of one major version only.");
        }
        if (compareVersions(version, current) > 0) {
            merged.put(VERSION, version);
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, ?> source, String path) {
        source.forEach((key, value) -> {
            String keyPath = path.isEmpty() ? key : path + "." + key;
            Object existing = target.get(key);
            if (existing == null) {
                target.put(key, copy(value));
            } else if (existing instanceof Map && value instanceof Map) {
                mergeInto((Map<String, Object>) existing, (Map<String, ?>) value, keyPath);
            } else if (existing instanceof List && value instanceof List) {
                ((List<Object>) existing).addAll((List<?>) value);
            } else {
                throw new BackendConfigException("backend.addOutput",
                        "Output entry with key " + keyPath + " already exists.",
                        "set each output key once, or give the second one another name.");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new TreeMap<>();
            ((Map<String, ?>) value).forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            ((List<?>) value).forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? Integer.parseInt(left[i]) : 0;
            int r = i < right.length ? Integer.parseInt(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }
}
