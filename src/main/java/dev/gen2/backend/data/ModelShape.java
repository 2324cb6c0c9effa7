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
     * A key of the table or of one of its indexes, as the fields it is made of and the DynamoDB attributes that hold
     * it. Several sort key fields make, as Amplify makes them, a composite sort key: one string attribute named and
     * valued {@code <sk1>#<sk2>...}; with DynamoDB's multi-attribute keys each field is an attribute of its own.
     *
     * @param partitionKeys the partition key fields: one, or several with multi-attribute keys
     * @param sortKeys the sort key fields, in order
     * @param multiAttribute whether the key uses DynamoDB's multi-attribute keys
     */
    record KeyShape(List<String> partitionKeys, List<String> sortKeys, boolean multiAttribute) {
        static final String COMPOSITE_SEPARATOR = "#";

        KeyShape {
            partitionKeys = List.copyOf(partitionKeys);
            sortKeys = List.copyOf(sortKeys);
        }

        /** A plain key: the first field is the partition key, the rest its (possibly composite) sort key. */
        static KeyShape of(List<String> fields) {
            return new KeyShape(fields.subList(0, 1), fields.subList(1, fields.size()), false);
        }

        /** Every field of the key, partition key fields first. */
        List<String> fields() {
            List<String> all = new ArrayList<>(partitionKeys);
            all.addAll(sortKeys);
            return List.copyOf(all);
        }

        /** Whether the sort key is Amplify's composite: several fields joined into one attribute. */
        boolean composite() {
            return !multiAttribute && sortKeys.size() > 1;
        }

        /** The attribute of a composite sort key: {@code priority#createdAt}. */
        String compositeAttribute() {
            return String.join(COMPOSITE_SEPARATOR, sortKeys);
        }

        /** The DynamoDB attributes of the partition key, then of the sort key. */
        List<String> partitionAttributes() {
            return partitionKeys;
        }

        List<String> sortAttributes() {
            return composite() ? List.of(compositeAttribute()) : sortKeys;
        }

        /** Whether the two keys are stored in the same attributes, so one index serves both. */
        boolean sameAttributes(KeyShape other) {
            return partitionAttributes().equals(other.partitionAttributes())
                    && sortAttributes().equals(other.sortAttributes());
        }

        /** The argument a query takes a composite sort key condition in, as Amplify names it: {@code priorityCreatedAt}. */
        String compositeArgument() {
            return Names.lowerFirst(String.join("", sortKeys.stream().map(Names::capitalize).toList()));
        }
    }

    /**
     * An index of the table.
     *
     * @param name the DynamoDB index name
     * @param key its partition and sort key fields
     * @param queryField the query that reads it, or empty for a relationship's index
     */
    record IndexShape(String name, KeyShape key, Optional<String> queryField) {
        /** The index's fields, partition key fields first. */
        List<String> keys() {
            return key.fields();
        }
    }

    String name() {
        return model.name();
    }

    List<String> keys() {
        return model.identifier();
    }

    /** The table's own key: the identifier's first field, then its sort key fields (composite when several). */
    KeyShape primaryKey() {
        return KeyShape.of(model.identifier());
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

    /**
     * The DynamoDB attribute type of a key attribute: {@code N} for numbers, {@code S} for the rest, and for the
     * joined attribute of a composite sort key.
     */
    String keyAttributeType(String fieldName) {
        if (field(fieldName).isEmpty() && fieldName.contains(KeyShape.COMPOSITE_SEPARATOR)) {
            return "S";
        }
        FieldType type = field(fieldName).map(field -> field.field().type()).orElse(Scalar.STRING);
        return type instanceof Scalar scalar ? scalar.keyAttributeType() : "S";
    }

    /** Every composite sort key of the table and its indexes, whose joined attribute each write keeps in sync. */
    List<CompositeKey> compositeKeys() {
        List<CompositeKey> composites = new ArrayList<>();
        if (primaryKey().composite()) {
            composites.add(new CompositeKey(Optional.empty(), primaryKey()));
        }
        indexes.stream().filter(index -> index.key().composite())
                .forEach(index -> composites.add(new CompositeKey(Optional.of(index.name()), index.key())));
        return List.copyOf(composites);
    }

    /** A composite sort key: of an index (by its name), or of the table itself. */
    record CompositeKey(Optional<String> index, KeyShape key) {
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
                            .add(new IndexShape("gsi-" + model.name() + "." + fieldName,
                                    KeyShape.of(relationship.references()), Optional.empty()));
                }
            });
        }
        Map<String, ModelShape> shapes = new LinkedHashMap<>();
        for (Model model : schema.models()) {
            List<AuthRule> rules = schema.rulesOf(model);
            List<IndexShape> indexes = new ArrayList<>(declaredIndexes(model));
            relationshipIndexes.getOrDefault(model.name(), List.of()).stream()
                    .filter(index -> indexes.stream().noneMatch(declared -> declared.key().sameAttributes(index.key())))
                    .forEach(indexes::add);
            shapes.put(model.name(), new ModelShape(model, Names.plural(model.name()), fieldsOf(model, rules),
                    List.copyOf(indexes), rules));
        }
        return shapes;
    }

    private static List<IndexShape> declaredIndexes(Model model) {
        return model.secondaryIndexes().stream().map(index -> {
            KeyShape key = new KeyShape(index.partitionKeys(), index.sortKeys(), index.multiAttribute());
            List<String> keys = key.fields();
            String name = index.name().orElse(Names.lowerFirst(Names.plural(model.name())) + "By"
                    + Names.joinedKey(keys));
            String queryField = index.queryField().orElse("list" + Names.capitalize(model.name()) + "By"
                    + Names.joinedKey(keys));
            return new IndexShape(name, key, Optional.of(queryField));
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
