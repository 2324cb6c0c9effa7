package dev.gen2.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;

/**
 * Records a backend's outputs the way Amplify does: one root-stack {@code CfnOutput} per field, whose logical
 * id is the field name, plus a template metadata entry {@code <key>: {version, stackOutputs}} naming the fields,
 * which is how a deployed stack's outputs are found again and turned into {@code amplify_outputs.json}.
 */
public final class BackendOutputStorage {
    /** Amplify's metadata keys. */
    public static final String PLATFORM_KEY = "AWS::Amplify::Platform";
    public static final String AUTH_KEY = "AWS::Amplify::Auth";
    public static final String CUSTOM_KEY = "AWS::Amplify::Custom";

    private final Stack rootStack;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public BackendOutputStorage(Stack rootStack) {
        this.rootStack = rootStack;
    }

    /**
     * Adds the fields of one output entry. Values may be tokens (a nested stack's resource id, a lazy value):
     * CDK carries them up to the root stack.
     */
    public void addEntry(String key, String version, Map<String, String> payload) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry(version));
        if (!entry.version.equals(version)) {
            throw new IllegalStateException("Metadata entry for " + key + " at version " + entry.version
                    + " already exists. Cannot add another entry for the same key at version " + version + ".");
        }
        payload.forEach((field, value) -> {
            if (rootStack.getNode().tryFindChild(field) != null) {
                throw new IllegalStateException("Output " + field + " is recorded twice.");
            }
            CfnOutput.Builder.create(rootStack, field).value(value).build();
            entry.stackOutputs.add(field);
        });
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", entry.version);
        metadata.put("stackOutputs", List.copyOf(entry.stackOutputs));
        rootStack.addMetadata(key, metadata);
    }

    /** The output fields recorded under a metadata key, in the order they were added. */
    public List<String> stackOutputs(String key) {
        Entry entry = entries.get(key);
        return entry == null ? List.of() : new ArrayList<>(entry.stackOutputs);
    }

    private static final class Entry {
        private final String version;
        private final Set<String> stackOutputs = new LinkedHashSet<>();

        private Entry(String version) {
            this.version = version;
        }
    }
}
