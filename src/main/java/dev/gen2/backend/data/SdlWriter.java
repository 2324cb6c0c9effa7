package dev.gen2.backend.data;

import dev.gen2.backend.data.ModelShape.IndexShape;
import dev.gen2.backend.data.ModelShape.KeyShape;
import dev.gen2.backend.data.ModelShape.ShapeField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes the AppSync schema (SDL) of a validated schema the way Amplify's data construct does: for each model its
 * type, connection, filter, condition and input types, get and list queries, index queries, create, update and
 * delete mutations, and the three subscriptions, each with the auth directives of the modes its rules use.
 */
final class SdlWriter {
    private static final List<String> COMPARISONS = List.of("ne", "eq", "le", "lt", "ge", "gt");
    private static final String MODEL_TYPES = """
            enum ModelAttributeTypes {
              binary
              binarySet
              bool
              list
              map
              number
              numberSet
              string
              stringSet
              _null
            }

            input ModelSizeInput {
              ne: Int
              eq: Int
              le: Int
              lt: Int
              ge: Int
              gt: Int
              between: [Int]
            }

            enum ModelSortDirection {
              ASC
              DESC
            }

            """;
    /** The key name of a model's own composite key in its input names: {@code ModelXPrimaryCompositeKeyInput}. */
    private static final String PRIMARY_KEY_NAME = "Primary";
    private static final String PAGE_ARGUMENTS = "filter: %1$s, limit: Int, nextToken: String";

    private final Schema schema;
    private final Map<String, ModelShape> shapes;
    private final StringBuilder sdl = new StringBuilder();
    private final List<String> queries = new ArrayList<>();
    private final List<String> mutations = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();

    private SdlWriter(Schema schema, Map<String, ModelShape> shapes) {
        this.schema = schema;
        this.shapes = shapes;
    }

    static String write(Schema schema, Map<String, ModelShape> shapes) {
        return new SdlWriter(schema, shapes).write();
    }

    private String write() {
        shapes.values().forEach(this::modelType);
        String everyMode = directives(shapes.values().stream().flatMap(shape -> shape.allRules().stream()).toList());
        for (CustomType type : schema.customTypes()) {
            block("type " + type.name() + everyMode, type.fields().entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + entry.getValue().graphqlType()).toList());
            block("input " + type.name() + "Input", type.fields().entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + inputType(entry.getValue(), entry.getValue().isRequired()))
                    .toList());
        }
        for (EnumType type : schema.enums()) {
            block("enum " + type.name(), type.values());
            block("input Model" + type.name() + "Input", List.of("eq: " + type.name(), "ne: " + type.name()));
        }
        scalarInputs();
        sdl.append(MODEL_TYPES);
        shapes.values().forEach(this::operations);
        schema.operations().forEach(this::customOperation);
        block("type Query" + iamOnRootType(CustomOperation.Kind.QUERY), queries);
        block("type Mutation" + iamOnRootType(CustomOperation.Kind.MUTATION), mutations);
        block("type Subscription", subscriptions);
        return sdl.toString().stripTrailing() + "\n";
    }

    /**
     * Amplify's transformer, with IAM access on (always, in Gen 2), puts {@code @aws_iam} on every object type the
     * user's schema declares itself; a custom query or mutation makes it declare {@code Query} or {@code Mutation},
     * so those get it at type level. Each field carries its own directives, which AppSync reads first.
     */
    private String iamOnRootType(CustomOperation.Kind kind) {
        return schema.operations().stream().anyMatch(operation -> operation.kind() == kind) ? " @aws_iam" : "";
    }

    /**
     * The filter, subscription filter and key condition inputs of each scalar kind, as Amplify writes them:
     * {@code ModelStringInput}, {@code ModelSubscriptionStringInput}, {@code ModelStringKeyConditionInput}...
     */
    private void scalarInputs() {
        Set<String> keyConditions = keyConditionInputsUsed();
        for (String type : List.of("String", "Int", "Float", "Boolean", "ID")) {
            boolean text = type.equals("String") || type.equals("ID");
            boolean bool = type.equals("Boolean");
            List<String> comparisons = bool ? List.of("ne: Boolean", "eq: Boolean")
                    : COMPARISONS.stream().map(operator -> operator + ": " + type).toList();
            List<String> textual = text ? List.of("contains: " + type, "notContains: " + type) : List.of();
            List<String> range = bool ? List.of() : List.of("between: [" + type + "]");
            List<String> prefix = text ? List.of("beginsWith: " + type) : List.of();
            List<String> filter = concat(comparisons, textual, range, prefix,
                    List.of("attributeExists: Boolean", "attributeType: ModelAttributeTypes"),
                    text ? List.of("size: ModelSizeInput") : List.of());
            block("input Model" + type + "Input", filter);
            block("input ModelSubscription" + type + "Input", concat(comparisons, textual, range, prefix,
                    bool ? List.of() : List.of("in: [" + type + "]", "notIn: [" + type + "]")));
            if (keyConditions.contains("Model" + type + "KeyConditionInput")) {
                block("input Model" + type + "KeyConditionInput", concat(comparisons.subList(1, comparisons.size()),
                        range, prefix));
            }
        }
    }

    /**
     * The scalar key condition inputs some query field takes (a single-field sort key of a custom identifier or of
     * an index, or a multi-attribute index's sort key fields); as Amplify, the others are not declared.
     */
    private Set<String> keyConditionInputsUsed() {
        Set<String> used = new LinkedHashSet<>();
        for (ModelShape shape : shapes.values()) {
            List<KeyShape> keys = new ArrayList<>();
            if (!shape.model().identifier().equals(List.of(Model.DEFAULT_IDENTIFIER))) {
                keys.add(shape.primaryKey());
            }
            shape.indexes().stream().filter(index -> index.queryField().isPresent()).map(IndexShape::key)
                    .forEach(keys::add);
            keys.stream().filter(key -> !key.composite()).flatMap(key -> key.sortKeys().stream())
                    .forEach(field -> used.add(keyConditionInput(shape.field(field).orElseThrow())));
        }
        return used;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private void block(String header, List<String> lines) {
        sdl.append(header).append(" {\n");
        lines.forEach(line -> sdl.append("  ").append(line).append('\n'));
        sdl.append("}\n\n");
    }

    /** The auth directives of the given rules' modes, IAM always first: {@code " @aws_iam @aws_api_key"}. */
    static String directives(Collection<AuthRule> rules) {
        Set<AuthProvider> providers = EnumSet.noneOf(AuthProvider.class);
        rules.forEach(rule -> providers.add(rule.provider()));
        StringBuilder text = new StringBuilder(" @").append(AuthProvider.IAM.directive());
        providers.stream().filter(provider -> provider != AuthProvider.IAM)
                .forEach(provider -> text.append(" @").append(provider.directive()));
        return text.toString();
    }

    private String directivesAllowing(ModelShape shape, Operation operation) {
        return directives(shape.rules().stream().filter(rule -> rule.allows(operation)).toList());
    }

    private void modelType(ModelShape shape) {
        List<String> lines = new ArrayList<>();
        for (ShapeField field : shape.fields()) {
            String fieldDirectives = field.field().rules().isEmpty() ? "" : directives(field.field().rules());
            lines.add(field.name() + ": " + field.field().graphqlType() + fieldDirectives);
        }
        shape.model().relationships().forEach((name, relationship) -> lines.add(relationshipField(name,
                relationship)));
        String typeDirectives = directives(shape.allRules());
        block("type " + shape.name() + typeDirectives, lines);
        block("type Model" + shape.name() + "Connection" + typeDirectives,
                List.of("items: [" + shape.name() + "]!", "nextToken: String"));
    }

    private String relationshipField(String name, Relationship relationship) {
        String related = relationship.relatedModel();
        if (relationship.kind() != Relationship.Kind.HAS_MANY) {
            return name + ": " + related;
        }
        ModelShape child = shapes.get(related);
        List<String> arguments = new ArrayList<>();
        if (relationship.references().size() > 1) {
            arguments.add(relationship.references().get(1) + ": "
                    + keyConditionInput(child.field(relationship.references().get(1)).orElseThrow()));
        }
        arguments.add("filter: Model" + related + "FilterInput");
        arguments.add("sortDirection: ModelSortDirection");
        arguments.add("limit: Int");
        arguments.add("nextToken: String");
        return name + "(" + String.join(", ", arguments) + "): Model" + related + "Connection";
    }

    private void operations(ModelShape shape) {
        String name = shape.name();
        filterInput(shape, "Model" + name + "FilterInput", true);
        compositeKeyInputs(shape);
        List<String> keyArguments = shape.keys().stream()
                .map(key -> key + ": " + shape.field(key).orElseThrow().field().type().graphqlName() + "!").toList();
        queries.add(shape.getQuery() + "(" + String.join(", ", keyArguments) + "): " + name
                + directivesAllowing(shape, Operation.GET));
        queries.add(shape.listQuery() + "(" + listArguments(shape) + "): Model" + name + "Connection"
                + directivesAllowing(shape, Operation.LIST));
        for (IndexShape index : shape.indexes()) {
            index.queryField().ifPresent(queryField -> queries.add(queryField + "(" + indexArguments(shape, index)
                    + "): Model" + name + "Connection" + directivesAllowing(shape, Operation.LIST)));
        }
        filterInput(shape, "Model" + name + "ConditionInput", false);
        block("input Create" + name + "Input", writeInput(shape, true));
        block("input Update" + name + "Input", writeInput(shape, false));
        block("input Delete" + name + "Input", keyArguments);
        for (String verb : ModelShape.MUTATION_VERBS) {
            Operation operation = Operation.valueOf(verb.toUpperCase(java.util.Locale.ROOT));
            mutations.add(shape.mutation(verb) + "(input: " + Names.capitalize(verb) + name
                    + "Input!, condition: Model" + name + "ConditionInput): " + name
                    + directivesAllowing(shape, operation));
        }
        subscriptionFilterInput(shape);
        String ownerArguments = ownerFields(shape).stream().map(field -> ", " + field + ": String")
                .reduce("", String::concat);
        for (String verb : ModelShape.MUTATION_VERBS) {
            subscriptions.add(shape.subscription(verb) + "(filter: ModelSubscription" + name + "FilterInput"
                    + ownerArguments + "): " + name + " @aws_subscribe(mutations: [\"" + shape.mutation(verb)
                    + "\"])" + directivesAllowing(shape, Operation.LISTEN));
        }
    }

    private void customOperation(CustomOperation operation) {
        String arguments = operation.arguments().entrySet().stream()
                .map(entry -> entry.getKey() + ": " + inputType(entry.getValue(), entry.getValue().isRequired()))
                .reduce((first, second) -> first + ", " + second).map(list -> "(" + list + ")").orElse("");
        String field = operation.name() + arguments + ": " + operation.returns().graphqlType()
                + directives(operation.rules());
        (operation.kind() == CustomOperation.Kind.QUERY ? queries : mutations).add(field);
    }

    private String listArguments(ModelShape shape) {
        if (shape.model().identifier().equals(List.of(Model.DEFAULT_IDENTIFIER))) {
            return PAGE_ARGUMENTS.formatted("Model" + shape.name() + "FilterInput");
        }
        List<String> arguments = keyArguments(shape, shape.primaryKey(), PRIMARY_KEY_NAME, "");
        arguments.add(PAGE_ARGUMENTS.formatted("Model" + shape.name() + "FilterInput"));
        arguments.add("sortDirection: ModelSortDirection");
        return String.join(", ", arguments);
    }

    private String indexArguments(ModelShape shape, IndexShape index) {
        List<String> arguments = keyArguments(shape, index.key(), compositeKeyName(index), "!");
        arguments.add("sortDirection: ModelSortDirection");
        arguments.add(PAGE_ARGUMENTS.formatted("Model" + shape.name() + "FilterInput"));
        return String.join(", ", arguments);
    }

    /**
     * A query's key arguments: the partition key's value (each field's, with multi-attribute keys), then a condition
     * on the sort key: one field's {@code Model<Type>KeyConditionInput}; Amplify's composite condition in one
     * argument named after the fields ({@code priorityCreatedAt}); or, with multi-attribute keys, a condition per
     * sort key field.
     */
    private static List<String> keyArguments(ModelShape shape, KeyShape key, String compositeKeyName,
            String partitionRequired) {
        List<String> arguments = new ArrayList<>();
        key.partitionKeys().forEach(field -> arguments.add(field + ": "
                + shape.field(field).orElseThrow().field().type().graphqlName() + partitionRequired));
        if (key.composite()) {
            arguments.add(key.compositeArgument() + ": " + compositeInputs(shape, compositeKeyName)
                    + "CompositeKeyConditionInput");
        } else {
            key.sortKeys().forEach(field -> arguments.add(field + ": "
                    + keyConditionInput(shape.field(field).orElseThrow())));
        }
        return arguments;
    }

    /** The stem of a composite key's input names: {@code Model<Model><Primary|IndexName>}. */
    private static String compositeInputs(ModelShape shape, String compositeKeyName) {
        return "Model" + shape.name() + compositeKeyName;
    }

    private static String compositeKeyName(IndexShape index) {
        return Names.capitalize(index.name());
    }

    /**
     * The inputs of each composite sort key, as Amplify writes them: {@code Model<Model><Key>CompositeKeyInput} with
     * each sort key field (the last one as its base scalar: an AWSDateTime is a String), and the condition over
     * it, {@code Model<Model><Key>CompositeKeyConditionInput}.
     */
    private void compositeKeyInputs(ModelShape shape) {
        for (ModelShape.CompositeKey composite : shape.compositeKeys()) {
            String stem = compositeInputs(shape, composite.index().map(Names::capitalize).orElse(PRIMARY_KEY_NAME));
            List<String> sortKeys = composite.key().sortKeys();
            String keyInput = stem + "CompositeKeyInput";
            block("input " + stem + "CompositeKeyConditionInput", List.of("eq: " + keyInput, "le: " + keyInput,
                    "lt: " + keyInput, "ge: " + keyInput, "gt: " + keyInput, "between: [" + keyInput + "]",
                    "beginsWith: " + keyInput));
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < sortKeys.size(); i++) {
                Field field = shape.field(sortKeys.get(i)).orElseThrow().field();
                boolean last = i == sortKeys.size() - 1;
                fields.add(sortKeys.get(i) + ": " + (last && field.type() instanceof Scalar scalar
                        ? scalar.filterInput().replace("Model", "").replace("Input", "")
                        : field.type().graphqlName()));
            }
            block("input " + keyInput, fields);
        }
    }

    private static String keyConditionInput(ShapeField field) {
        return ((Scalar) field.field().type()).filterInput().replace("Input",
                "KeyConditionInput");
    }

    private void filterInput(ModelShape shape, String inputName, boolean withKeys) {
        Predicate<ShapeField> included = field -> withKeys || !shape.keys().contains(field.name());
        List<String> lines = new ArrayList<>();
        List<String> implicitOwners = ownerFields(shape).stream()
                .filter(owner -> shape.field(owner).map(ShapeField::implicit).orElse(false)).toList();
        shape.fields().stream().filter(included).filter(field -> !implicitOwners.contains(field.name()))
                .forEach(field -> FilterInputs.filterInput(field.field()).ifPresent(input -> lines.add(field.name()
                        + ": " + input)));
        if (withKeys) {
            idWithoutField(shape, lines, "ModelIDInput");
        }
        lines.add("and: [" + inputName + "]");
        lines.add("or: [" + inputName + "]");
        lines.add("not: " + inputName);
        implicitOwners.forEach(owner -> lines.add(owner + ": ModelStringInput"));
        block("input " + inputName, lines);
    }

    private void subscriptionFilterInput(ModelShape shape) {
        String inputName = "ModelSubscription" + shape.name() + "FilterInput";
        List<String> lines = new ArrayList<>();
        List<String> owners = ownerFields(shape);
        shape.fields().stream().filter(field -> !owners.contains(field.name()))
                .forEach(field -> FilterInputs.subscriptionInput(field.field())
                        .ifPresent(input -> lines.add(field.name() + ": " + input)));
        idWithoutField(shape, lines, "ModelSubscriptionIDInput");
        lines.add("and: [" + inputName + "]");
        lines.add("or: [" + inputName + "]");
        owners.forEach(owner -> lines.add(owner + ": ModelStringInput"));
        block("input " + inputName, lines);
    }

    /**
     * Amplify's filter inputs take {@code id} even when a custom identifier leaves the model without that field
     * (no record has it, so a condition on it matches none); it sits before the timestamps.
     */
    private static void idWithoutField(ModelShape shape, List<String> lines, String input) {
        if (shape.field(Model.DEFAULT_IDENTIFIER).isEmpty()) {
            int timestamps = lines.indexOf(lines.stream().filter(line -> line.startsWith("createdAt:")).findFirst()
                    .orElse(""));
            lines.add(timestamps < 0 ? lines.size() : timestamps, Model.DEFAULT_IDENTIFIER + ": " + input);
        }
    }

    /** The owner fields of the model's owner rules, in rule order. */
    private static List<String> ownerFields(ModelShape shape) {
        Set<String> owners = new LinkedHashSet<>();
        shape.rules().forEach(rule -> rule.ownerField().ifPresent(owners::add));
        return List.copyOf(owners);
    }

    private List<String> writeInput(ModelShape shape, boolean create) {
        List<String> lines = new ArrayList<>();
        for (ShapeField field : shape.fields()) {
            boolean key = shape.keys().contains(field.name());
            boolean generatedId = field.implicit() && field.name().equals(Model.DEFAULT_IDENTIFIER);
            if (field.implicit() && !generatedId) {
                continue;
            }
            boolean required = create ? field.field().isRequired() && field.field().defaultValue().isEmpty()
                    && !generatedId : key;
            lines.add(field.name() + ": " + inputType(field.field(), required));
        }
        return lines;
    }

    /** A field's type in an input: custom types become their input types. */
    private static String inputType(Field field, boolean required) {
        String element = field.type() instanceof FieldType.CustomTypeRef ref ? ref.name() + "Input"
                : field.type().graphqlName();
        element += field.elementRequired() ? "!" : "";
        String base = field.isArray() ? "[" + element + "]" : element;
        return required ? base + "!" : base;
    }
}
