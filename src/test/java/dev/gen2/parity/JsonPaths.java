package dev.gen2.parity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flattens JSON to its leaves by path ({@code Query.fields.getTodo.arguments.id}, {@code models.Todo.fields[2]}), so
 * that two documents compare leaf by leaf, whatever the order of their objects' keys.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** One differing leaf: its value on each side, absent as {@code null}. */
    record Difference(String path, String ours, String amplify) {
        @Override
        public String toString() {
            return path + ": ours " + (ours == null ? "(absent)" : ours) + ", Amplify's "
                    + (amplify == null ? "(absent)" : amplify);
        }
    }

    static List<Difference> differences(JsonNode ours, JsonNode amplify) {
        Map<String, String> left = leaves(ours);
        Map<String, String> right = leaves(amplify);
        TreeSet<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String path : paths) {
            if (!Objects.equals(left.get(path), right.get(path))) {
                differences.add(new Difference(path, left.get(path), right.get(path)));
            }
        }
        return differences;
    }

    static Map<String, String> leaves(JsonNode node) {
        Map<String, String> leaves = new TreeMap<>();
        collect(node, "", leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String path, Map<String, String> leaves) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(field -> collect(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), leaves));
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", leaves);
            }
        } else {
            leaves.put(path, node.toString());
        }
    }
}
