package dev.gen2.backend.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.data.ModelShape.IndexShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration each pipeline resolver hands {@code model-resolver.js} through {@code ctx.stash.gen2}: the
 * operation, the model's keys, the index or relationship to read, defaults and the authorization rules. The
 * resolver's own code is only this configuration, so the shared function code stays the same for every model.
 */
final class ResolverConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelShape shape;
    private final Optional<String> identityPoolId;

    ResolverConfigs(ModelShape shape, Optional<String> identityPoolId) {
        this.shape = shape;
        this.identityPoolId = identityPoolId;
    }

    /** The resolver code for a plain model operation: get, list, create, update, delete or subscribe. */
    String operation(String operation) {
        Map<String, Object> config = base(operation);
        if (operation.equals("create")) {
            config.put("generatedId", shape.field(Model.DEFAULT_IDENTIFIER).map(ModelShape.ShapeField::implicit)
                    .orElse(false));
            Map<String, Object> defaults = new LinkedHashMap<>();
            shape.fields().forEach(field -> field.field().defaultValue()
                    .ifPresent(value -> defaults.put(field.name(), typed(field.field(), value.text()))));
            config.put("defaults", defaults);
        }
        return code(config);
    }

    /** The resolver code for a secondary index's query field. */
    String indexQuery(IndexShape index) {
        Map<String, Object> config = base("query");
        config.put("index", index.name());
        config.put("queryKey", key(index.key()));
        return code(config);
    }

    /**
     * The resolver code for a relationship field of {@code parent} that reads this model: has-many and has-one
     * query this model's relationship index with the parent's key, belongs-to gets this model by the parent's
     * reference fields.
     */
    String relationship(ModelShape parent, String fieldName, Relationship relationship) {
        Map<String, Object> config = base(switch (relationship.kind()) {
            case HAS_MANY -> "hasMany";
            case HAS_ONE -> "hasOne";
            case BELONGS_TO -> "belongsTo";
        });
        if (relationship.referencesOnRelatedModel()) {
            ModelShape.KeyShape references = ModelShape.KeyShape.of(relationship.references());
            IndexShape index = shape.indexes().stream().filter(candidate -> candidate.key().sameAttributes(references))
                    .findFirst().orElseThrow();
            config.put("index", index.name());
            config.put("queryKey", key(index.key()));
            config.put("parentKeys", parent.keys());
        } else {
            config.put("references", relationship.references());
        }
        config.put("field", fieldName);
        return code(config);
    }

    /**
     * The resolver code of a custom operation: its rules, then an invocation of its function, or (custom handlers)
     * a check of its rules the user's functions run after.
     */
    static String customOperation(CustomOperation operation, Optional<String> identityPoolId) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("operation", operation.customHandlers().isEmpty() ? "invoke" : "authorize");
        config.put("typeName", operation.kind().typeName());
        config.put("field", operation.name());
        config.put("rules", operation.rules().stream().map(ResolverConfigs::rule).toList());
        identityPoolId.ifPresent(id -> config.put("identityPoolId", id));
        return code(config);
    }

    private Map<String, Object> base(String operation) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("operation", operation);
        config.put("model", shape.name());
        config.put("keys", shape.keys());
        config.put("primaryKey", key(shape.primaryKey()));
        if (List.of("create", "update").contains(operation)) {
            config.put("composites", shape.compositeKeys().stream().map(composite -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("attribute", composite.key().compositeAttribute());
                out.put("fields", composite.key().sortKeys());
                out.put("index", composite.index().orElse(null));
                return out;
            }).toList());
        }
        config.put("rules", shape.rules().stream().map(ResolverConfigs::rule).toList());
        Map<String, Object> fieldRules = new LinkedHashMap<>();
        shape.fieldRules().forEach((field, rules) -> fieldRules.put(field,
                rules.stream().map(ResolverConfigs::rule).toList()));
        config.put("fieldRules", fieldRules);
        identityPoolId.ifPresent(id -> config.put("identityPoolId", id));
        return config;
    }

    /**
     * A key as the shared function reads it: the partition key fields, the sort key fields, the joined attribute of
     * a composite sort key (or null) and the argument its condition comes in, and whether it is multi-attribute.
     */
    private static Map<String, Object> key(ModelShape.KeyShape key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("partition", key.partitionKeys());
        out.put("sort", key.sortKeys());
        out.put("composite", key.composite() ? key.compositeAttribute() : null);
        out.put("argument", key.composite() ? key.compositeArgument() : null);
        out.put("multi", key.multiAttribute());
        return out;
    }

    private static Map<String, Object> rule(AuthRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allow", rule.strategy().amplifyName());
        out.put("provider", rule.provider().amplifyName());
        out.put("operations", rule.operations().stream().map(Operation::amplifyName).toList());
        rule.ownerField().ifPresent(field -> out.put("ownerField", field));
        rule.groupsField().ifPresent(field -> out.put("groupsField", field));
        if (rule.strategy() == AuthRule.Strategy.GROUPS && rule.groupsField().isEmpty()) {
            out.put("groups", rule.groups());
        }
        out.put("multiple", rule.multiple());
        out.put("identityClaim", rule.identityClaim());
        out.put("groupClaim", rule.groupClaim());
        return out;
    }

    private static Object typed(Field field, String value) {
        if (field.type() instanceof Scalar scalar) {
            return switch (scalar) {
                case INT, TIMESTAMP -> Long.parseLong(value);
                case FLOAT -> Double.parseDouble(value);
                case BOOLEAN -> Boolean.parseBoolean(value);
                default -> value;
            };
        }
        return value;
    }

    private static String code(Map<String, Object> config) {
        try {
            return "export function request(ctx) {\n  ctx.stash.gen2 = " + JSON.writeValueAsString(config)
                    + ";\n  return {};\n}\n\nexport function response(ctx) {\n  return ctx.prev.result;\n}\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A resolver configuration is plain data", e);
        }
    }

}
