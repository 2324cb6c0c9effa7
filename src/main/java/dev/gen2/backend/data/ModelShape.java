package dev.gen2.backend.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model as the generators see it: its declared fields plus the implicit ones Amplify adds ({@code id},
 * {@code createdAt}, {@code updatedAt}, owner fields), its primary key, its indexes (declared ones and those its
 * relationships need) and the rules that govern it and each field.
 *
 * @param model the model as declared
 * @param pluralName the plural in operation names: {@code listTodos}
 * @param fields every stored field, declared first, then the implicit ones, in Amplify's order
 * @param indexes the global secondary indexes of the model's table
 * @param rules the model's effective rules (its own, or the schema's)
 */
record ModelShape(Model model, String pluralName, List<ShapeField> fields, List<IndexShape> indexes,
        List<AuthRule> rules) {

    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    /** The verbs of the mutations (and their subscriptions) each model has. */
    static final List<String> MUTATION_VERBS = List.of("create", "update", "delete");

    /** A stored field; {@code implicit} when Amplify adds it rather than the user declaring it. */
    record ShapeField(String name, Field field, boolean implicit) {
    }

    /**
     * An index of the table.
     *
     * @param name the DynamoDB index name
     * @param keys partition key, then the sort key if any
     * @param queryField the query that reads it, or empty for a relationship's index
     */
    record IndexShape(String name, List<String> keys, Optional<String> queryField) {
    }

    String name() {
        return model.name();
    }

    List<String> keys() {
        return model.identifier();
    }

    Optional<ShapeField> field(String fieldName) {
        return fields.stream().filter(field -> field.name().equals(fieldName)).findFirst();
    }

    /** The get query: {@code getTodo}. */
    String getQuery() {
        return "get" + name();
    }

    /** The list query: {@code listTodos}. */
    String listQuery() {
        return "list" + pluralName;
    }

    /** A mutation for {@code create}, {@code update} or {@code delete}: {@code createTodo}. */
    String mutation(String verb) {
        return verb + name();
    }

    /** The subscription to a mutation for {@code create}, {@code update} or {@code delete}: {@code onCreateTodo}. */
    String subscription(String verb) {
        return "on" + Names.capitalize(verb) + name();
    }

    /** The DynamoDB attribute type of a key field: {@code N} for numbers, {@code S} for the rest. */
    String keyAttributeType(String fieldName) {
        FieldType type = field(fieldName).map(field -> field.field().type()).orElse(Scalar.STRING);
        return type instanceof Scalar scalar ? scalar.keyAttributeType() : "S";
    }

    /** Field-level rules by field name, for the fields that have any. */
    Map<String, List<AuthRule>> fieldRules() {
        Map<String, List<AuthRule>> rulesByField = new LinkedHashMap<>();
        fields.stream().filter(field -> !field.field().rules().isEmpty())
                .forEach(field -> rulesByField.put(field.name(), field.field().rules()));
        return rulesByField;
    }

    /** Every rule of the model and its fields, for the auth directives and the modes the model needs. */
    List<AuthRule> allRules() {
        return Schema.withFieldRules(rules, model);
    }

    /** The shapes of a schema's models, by name, in declaration order. Assumes a validated schema. */
    static Map<String, ModelShape> of(Schema schema) {
        Map<String, List<IndexShape>> relationshipIndexes = new LinkedHashMap<>();
        for (Model model : schema.models()) {
            model.relationships().forEach((fieldName, relationship) -> {
                if (relationship.referencesOnRelatedModel()) {
                    relationshipIndexes.computeIfAbsent(relationship.relatedModel(), name -> new ArrayList<>())
                            .add(new IndexShape("gsi-" + model.name() + "." + fieldName, relationship.references(),
                                    Optional.empty()));
                }
            });
        }
        Map<String, ModelShape> shapes = new LinkedHashMap<>();
        for (Model model : schema.models()) {
            List<AuthRule> rules = schema.rulesOf(model);
            List<IndexShape> indexes = new ArrayList<>(declaredIndexes(model));
            relationshipIndexes.getOrDefault(model.name(), List.of()).stream()
                    .filter(index -> indexes.stream().noneMatch(declared -> declared.keys().equals(index.keys())))
                    .forEach(indexes::add);
            shapes.put(model.name(), new ModelShape(model, Names.plural(model.name()), fieldsOf(model, rules),
                    List.copyOf(indexes), rules));
        }
        return shapes;
    }

    private static List<IndexShape> declaredIndexes(Model model) {
        return model.secondaryIndexes().stream().map(index -> {
            List<String> keys = new ArrayList<>();
            keys.add(index.partitionKey());
            keys.addAll(index.sortKeys());
            String name = index.name().orElse(Names.lowerFirst(Names.plural(model.name())) + "By"
                    + Names.joinedKey(keys));
            String queryField = index.queryField().orElse("list" + Names.capitalize(model.name()) + "By"
                    + Names.joinedKey(keys));
            return new IndexShape(name, List.copyOf(keys), Optional.of(queryField));
        }).toList();
    }

    private static List<ShapeField> fieldsOf(Model model, List<AuthRule> rules) {
        List<ShapeField> fields = new ArrayList<>();
        model.fields().forEach((name, field) -> fields.add(new ShapeField(name, field, false)));
        if (model.identifier().equals(List.of(Model.DEFAULT_IDENTIFIER))
                && !model.fields().containsKey(Model.DEFAULT_IDENTIFIER)) {
            fields.add(new ShapeField(Model.DEFAULT_IDENTIFIER, Field.id().required(), true));
        }
        for (String timestamp : List.of(CREATED_AT, UPDATED_AT)) {
            if (!model.fields().containsKey(timestamp)) {
                fields.add(new ShapeField(timestamp, Field.datetime().required(), true));
            }
        }
        for (AuthRule rule : Schema.withFieldRules(rules, model)) {
            Optional<String> ruleField = rule.ownerField().or(rule::groupsField);
            boolean list = rule.multiple();
            ruleField.filter(name -> fields.stream().noneMatch(field -> field.name().equals(name)))
                    .ifPresent(name -> fields.add(new ShapeField(name, list ? Field.string().array() : Field.string(),
                            true)));
        }
        return List.copyOf(fields);
    }
}
