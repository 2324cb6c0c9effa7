package dev.gen2.backend.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** A custom (non-model) type, Amplify's {@code a.customType({...})}: a structure stored inside a model's item. */
public record CustomType(String name, Map<String, Field> fields) {

    public CustomType {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static CustomType named(String name) {
        return new CustomType(name, Map.of());
    }

    public CustomType field(String fieldName, Field field) {
        Map<String, Field> more = new LinkedHashMap<>(fields);
        more.put(fieldName, field);
        return new CustomType(name, more);
    }
}
