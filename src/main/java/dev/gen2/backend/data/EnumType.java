package dev.gen2.backend.data;

import java.util.List;

/** An enum of the schema, Amplify's {@code a.enum(['DRAFT', 'PUBLISHED'])}. */
public record EnumType(String name, List<String> values) {

    public EnumType {
        values = List.copyOf(values);
    }

    public static EnumType of(String name, String... values) {
        return new EnumType(name, List.of(values));
    }
}
