package dev.gen2.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.IStableStringProducer;
import software.amazon.awscdk.Lazy;
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
    public static final String STORAGE_KEY = "AWS::Amplify::Storage";
    public static final String GRAPHQL_KEY = "AWS::Amplify::GraphQL";
    public static final String FUNCTION_KEY = "AWS::Amplify::Function";

    private final Stack rootStack;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, List<String>> lists = new LinkedHashMap<>();

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

    /**
     * Appends a value to a list output, such as the {@code definedFunctions} of {@code AWS::Amplify::Function}: one
     * output whose value is the JSON array of everything appended, written when the template is synthesized.
     */
    public void appendToList(String key, String version, String listName, String value) {
        List<String> values = lists.get(listName);
        if (values == null) {
            values = new ArrayList<>();
            lists.put(listName, values);
            List<String> appended = values;
            addEntry(key, version, Map.of(listName,
                    Lazy.string((IStableStringProducer) () -> rootStack.toJsonString(appended))));
        } else if (!entries.get(key).version.equals(version)) {
            throw new IllegalStateException("List output " + listName + " is recorded at version "
                    + entries.get(key).version + ", not " + version + ".");
        }
        values.add(value);
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
