package dev.gen2.backend.data;

/**
 * What a field holds: a scalar, an enum of the schema or a custom type of the schema; a custom operation may also
 * return a model of the schema.
 */
public sealed interface FieldType permits Scalar, FieldType.EnumRef, FieldType.CustomTypeRef, FieldType.ModelRef {

    /** The type's name in the GraphQL schema. */
    String graphqlName();

    /** An enum of the schema, by name. */
    record EnumRef(String name) implements FieldType {
        @Override
        public String graphqlName() {
            return name;
        }
    }

    /** A custom (non-model) type of the schema, by name: stored inside the item as a map. */
    record CustomTypeRef(String name) implements FieldType {
        @Override
        public String graphqlName() {
            return name;
        }
    }

    /** A model of the schema, by name: only what a custom operation returns (Amplify's {@code a.ref('Post')}). */
    record ModelRef(String name) implements FieldType {
        @Override
        public String graphqlName() {
            return name;
        }
    }
}
