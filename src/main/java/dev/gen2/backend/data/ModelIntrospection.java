package dev.gen2.backend.data;

import dev.gen2.backend.data.ModelShape.IndexShape;
import dev.gen2.backend.data.ModelShape.ShapeField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model introspection schema (version 1) the Amplify client builds its GraphQL documents from, in the format
 * of Amplify's codegen: models with fields, associations, key and auth attributes and primary key information;
 * enums; non-models (custom types).
 */
final class ModelIntrospection {
    private static final String CLIENT_DEFAULT_IDENTITY_CLAIM = "cognito:username";

    private ModelIntrospection() {
    }

    static Map<String, Object> build(Schema schema, Map<String, ModelShape> shapes) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", 1);
        Map<String, Object> models = new LinkedHashMap<>();
        shapes.values().forEach(shape -> models.put(shape.name(), model(shape)));
        document.put("models", models);
        Map<String, Object> enums = new LinkedHashMap<>();
        schema.enums().forEach(type -> enums.put(type.name(), ordered("name", type.name(), "values", type.values())));
        document.put("enums", enums);
        Map<String, Object> nonModels = new LinkedHashMap<>();
        for (CustomType type : schema.customTypes()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            type.fields().forEach((name, field) -> fields.put(name, field(name, field)));
            nonModels.put(type.name(), ordered("name", type.name(), "fields", fields));
        }
        document.put("nonModels", nonModels);
        for (CustomOperation.Kind kind : CustomOperation.Kind.values()) {
            Map<String, Object> operations = new LinkedHashMap<>();
            schema.operations().stream().filter(operation -> operation.kind() == kind)
                    .forEach(operation -> operations.put(operation.name(), operation(operation)));
            if (!operations.isEmpty()) {
                document.put(kind == CustomOperation.Kind.QUERY ? "queries" : "mutations", operations);
            }
        }
        return document;
    }

    private static Map<String, Object> operation(CustomOperation operation) {
        Map<String, Object> out = field(operation.name(), operation.returns());
        out.remove("attributes");
        Map<String, Object> arguments = new LinkedHashMap<>();
        operation.arguments().forEach((name, argument) -> {
            Map<String, Object> described = field(name, argument);
            described.remove("attributes");
            if (argument.type() instanceof FieldType.CustomTypeRef ref) {
                described.put("type", Map.of("input", ref.name() + "Input"));
            }
            arguments.put(name, described);
        });
        // as Amplify's codegen: an operation without arguments has no "arguments" entry
        if (!arguments.isEmpty()) {
            out.put("arguments", arguments);
        }
        return out;
    }

    private static Map<String, Object> model(ModelShape shape) {
        Map<String, Object> fields = new LinkedHashMap<>();
        shape.field(Model.DEFAULT_IDENTIFIER).filter(ShapeField::implicit)
                .ifPresent(id -> fields.put(id.name(), field(id.name(), id.field())));
        shape.fields().stream().filter(field -> !field.implicit())
                .forEach(field -> fields.put(field.name(), field(field.name(), field.field())));
        shape.model().relationships().forEach((name, relationship) -> fields.put(name,
                relationshipField(name, relationship)));
        for (String timestamp : List.of(ModelShape.CREATED_AT, ModelShape.UPDATED_AT)) {
            shape.field(timestamp).filter(ShapeField::implicit).ifPresent(field -> {
                Map<String, Object> readOnly = field(timestamp, Field.datetime());
                readOnly.put("isReadOnly", true);
                fields.put(timestamp, readOnly);
            });
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", shape.name());
        model.put("fields", fields);
        model.put("syncable", true);
        model.put("pluralName", shape.pluralName());
        model.put("attributes", attributes(shape));
        model.put("primaryKeyInfo", ordered("isCustomPrimaryKey",
                !shape.keys().equals(List.of(Model.DEFAULT_IDENTIFIER)), "primaryKeyFieldName", shape.keys().get(0),
                "sortKeyFieldNames", shape.keys().subList(1, shape.keys().size())));
        return model;
    }

    private static List<Object> attributes(ModelShape shape) {
        List<Object> attributes = new ArrayList<>();
        attributes.add(ordered("type", "model", "properties", Map.of()));
        if (!shape.keys().equals(List.of(Model.DEFAULT_IDENTIFIER))) {
            attributes.add(ordered("type", "key", "properties", Map.of("fields", shape.keys())));
        }
        // Only the secondary indexes: a relationship's index (gsi-Post.comments) is the table's business, and
        // Amplify's document, which the client builds its queries from, does not list it.
        // A multi-attribute index with several partition or sort key fields is left out: Amplify's client builds index
        // queries for one partition key and one (possibly composite) sort key argument, and would call it wrongly.
        for (IndexShape index : shape.indexes().stream().filter(ModelIntrospection::callableByTheClient).toList()) {
            index.queryField().ifPresent(queryField -> attributes.add(ordered("type", "key", "properties",
                    ordered("name", index.name(), "queryField", queryField, "fields", index.keys()))));
        }
        List<Object> rules = shape.rules().stream().map(rule -> (Object) rule(rule)).toList();
        attributes.add(ordered("type", "auth", "properties", Map.of("rules", rules)));
        return attributes;
    }

    private static boolean callableByTheClient(IndexShape index) {
        return !index.key().multiAttribute()
                || index.key().partitionKeys().size() == 1 && index.key().sortKeys().size() <= 1;
    }

    private static Map<String, Object> rule(AuthRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (rule.strategy()) {
            case OWNER -> {
                out.put("provider", rule.provider().amplifyName());
                out.put("ownerField", rule.ownerField().orElseThrow());
                out.put("allow", "owner");
                out.put("identityClaim", rule.identityClaim().equals(AuthRule.DEFAULT_IDENTITY_CLAIM)
                        ? CLIENT_DEFAULT_IDENTITY_CLAIM : rule.identityClaim());
            }
            case GROUPS -> {
                out.put("groupClaim", rule.groupClaim());
                out.put("provider", rule.provider().amplifyName());
                out.put("allow", "groups");
                if (rule.groupsField().isPresent()) {
                    out.put("groupsField", rule.groupsField().get());
                } else {
                    out.put("groups", rule.groups());
                }
            }
            default -> {
                out.put("allow", rule.strategy().amplifyName());
                out.put("provider", rule.provider().amplifyName());
            }
        }
        out.put("operations", rule.operations().stream().map(Operation::amplifyName).toList());
        return out;
    }

    private static Map<String, Object> field(String name, Field field) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("isArray", field.isArray());
        out.put("type", type(field.type()));
        // As Amplify's codegen: for a list, isRequired is about its elements and isArrayNullable about the list.
        out.put("isRequired", field.isArray() ? field.elementRequired() : field.isRequired());
        out.put("attributes", List.of());
        if (field.isArray()) {
            out.put("isArrayNullable", !field.isRequired());
        }
        return out;
    }

    private static Object type(FieldType type) {
        if (type instanceof FieldType.EnumRef ref) {
            return Map.of("enum", ref.name());
        }
        if (type instanceof FieldType.CustomTypeRef ref) {
            return Map.of("nonModel", ref.name());
        }
        if (type instanceof FieldType.ModelRef ref) {
            return Map.of("model", ref.name());
        }
        return type.graphqlName();
    }

    private static Map<String, Object> relationshipField(String name, Relationship relationship) {
        boolean many = relationship.kind() == Relationship.Kind.HAS_MANY;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("isArray", many);
        out.put("type", Map.of("model", relationship.relatedModel()));
        out.put("isRequired", false);
        out.put("attributes", List.of());
        if (many) {
            out.put("isArrayNullable", true);
        }
        Map<String, Object> association = new LinkedHashMap<>();
        association.put("connectionType", relationship.kind().name());
        switch (relationship.kind()) {
            case HAS_MANY -> association.put("associatedWith", relationship.references());
            case HAS_ONE -> {
                association.put("associatedWith", relationship.references());
                association.put("targetNames", List.of());
            }
            case BELONGS_TO -> association.put("targetNames", relationship.references());
        }
        out.put("association", association);
        return out;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
