package dev.gen2.backend.data;

import dev.gen2.backend.BackendConfigException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a schema before anything is built: names, references, keys, indexes, relationships, defaults and rules. */
final class SchemaValidator {
    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final Pattern INDEX_NAME = Pattern.compile("[A-Za-z0-9_\\-.]{3,255}");
    private static final Set<String> RESERVED_TYPES = Set.of("Query", "Mutation", "Subscription", "String", "Int",
            "Float", "Boolean", "ID", "AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp", "AWSEmail", "AWSJSON",
            "AWSPhone", "AWSURL", "AWSIPAddress", "ModelSortDirection", "ModelAttributeTypes", "ModelSizeInput");
    private static final int MAX_INDEXES = 20;
    private static final Set<String> RESERVED_FIELDS = Set.of("and", "or", "not", "__typename");

    private final Schema schema;
    private final Set<String> enums = new HashSet<>();
    private final Set<String> customTypes = new HashSet<>();

    private SchemaValidator(Schema schema) {
        this.schema = schema;
    }

    static void validate(Schema schema) {
        new SchemaValidator(schema).validate();
    }

    private void validate() {
        if (schema.models().isEmpty()) {
            throw new BackendConfigException("data.schema", "The schema has no models.",
                    "add at least one Model.named(...) to Schema.of(...).");
        }
        Set<String> typeNames = new HashSet<>();
        schema.enums().forEach(type -> typeName(type.name(), typeNames));
        schema.customTypes().forEach(type -> typeName(type.name(), typeNames));
        schema.models().forEach(model -> typeName(model.name(), typeNames));
        schema.enums().forEach(type -> enums.add(type.name()));
        schema.customTypes().forEach(type -> customTypes.add(type.name()));
        schema.enums().forEach(this::enumType);
        schema.customTypes().forEach(type -> type.fields().forEach((name, field) ->
                field("data.schema." + type.name() + "." + name, name, field)));
        schema.rules().forEach(rule -> rule("data.schema.authorization", rule, Optional.empty()));
        schema.models().forEach(this::model);
        Set<String> rootFields = generatedRootFields();
        schema.operations().forEach(operation -> operation(operation, rootFields));
    }

    /** The fields the models put on Query and Mutation, which a custom operation may not take. */
    private Set<String> generatedRootFields() {
        Set<String> fields = new HashSet<>();
        ModelShape.of(schema).values().forEach(shape -> {
            fields.add(shape.getQuery());
            fields.add(shape.listQuery());
            ModelShape.MUTATION_VERBS.forEach(verb -> fields.add(shape.mutation(verb)));
            shape.indexes().forEach(index -> index.queryField().ifPresent(fields::add));
        });
        return fields;
    }

    private void operation(CustomOperation operation, Set<String> rootFields) {
        String where = "data.schema." + operation.kind().typeName() + "." + operation.name();
        if (!GRAPHQL_NAME.matcher(operation.name()).matches()) {
            throw new BackendConfigException(where, "'" + operation.name() + "' is not a valid field name.",
                    "start with a letter or underscore and use only letters, digits and underscores.");
        }
        if (!rootFields.add(operation.name())) {
            throw new BackendConfigException(where, "'" + operation.name() + "' is already a field of "
                    + operation.kind().typeName() + ".", "give the operation a name no model operation or other"
                    + " custom operation uses.");
        }
        operation.arguments().forEach((name, field) -> field(where + "." + name, name, field));
        if (operation.returns().type() instanceof FieldType.ModelRef ref) {
            modelReturned(where + ".returns", ref);
        } else {
            field(where + ".returns", "returns", operation.returns());
        }
        if (operation.handler().isPresent() == !operation.customHandlers().isEmpty()) {
            throw new BackendConfigException(where, operation.handler().isEmpty()
                    ? "A custom operation needs a handler." : "The operation has both a function and custom handlers.",
                    "give either .handler(FUNCTION) with the FunctionResource that resolves it, or"
                            + " .handler(CustomHandler.entry(\"path/to/file.js\"), ...) with APPSYNC_JS files.");
        }
        operation.customHandlers().forEach(step -> customDataSource(where + ".handler", step.dataSource()));
        for (AuthRule rule : operation.rules()) {
            rule(where + ".authorization", rule, Optional.empty());
            if (rule.strategy() == AuthRule.Strategy.OWNER || rule.groupsField().isPresent()) {
                throw new BackendConfigException(where + ".authorization", "Owner and dynamic group rules need a"
                        + " record, and a custom operation has none.", "use publicApiKey, guest, authenticated,"
                        + " groups or custom rules, or check ownership in the handler.");
            }
        }
    }

    private void modelReturned(String where, FieldType.ModelRef ref) {
        if (schema.models().stream().noneMatch(model -> model.name().equals(ref.name()))) {
            throw new BackendConfigException(where, "The operation returns the model '" + ref.name()
                    + "', which the schema does not define.", "add Model.named(\"" + ref.name()
                    + "\") to the schema, or fix the name.");
        }
    }

    /** A custom handler's data source: a model of the schema, or an HTTP endpoint under one name. */
    private void customDataSource(String where, CustomDataSource source) {
        if (source instanceof CustomDataSource.ModelTable table
                && schema.models().stream().noneMatch(model -> model.name().equals(table.model()))) {
            throw new BackendConfigException(where, "The custom handler's data source is the table of the model '"
                    + table.model() + "', which the schema does not define.", "give a model of the schema.");
        }
        if (source instanceof CustomDataSource.Http http) {
            if (!GRAPHQL_NAME.matcher(http.name()).matches() || http.name().equals("NONE_DS")
                    || schema.models().stream().anyMatch(model -> http.name().equals(model.name() + "Table"))) {
                throw new BackendConfigException(where, "'" + http.name() + "' cannot name an HTTP data source.",
                        "use letters, digits and underscores, and a name other than NONE_DS and <Model>Table.");
            }
            if (!http.endpoint().matches("https?://[^/\\s]+/?")) {
                throw new BackendConfigException(where, "The HTTP data source " + http.name() + "'s endpoint '"
                        + http.endpoint() + "' is not a scheme and host.", "give one such as"
                        + " https://api.example.com; each request gives its resourcePath.");
            }
            schema.operations().stream().flatMap(operation -> operation.customHandlers().stream())
                    .map(CustomHandler::dataSource).filter(CustomDataSource.Http.class::isInstance)
                    .map(CustomDataSource.Http.class::cast)
                    .filter(other -> other.name().equals(http.name()) && !other.endpoint().equals(http.endpoint()))
                    .findFirst().ifPresent(other -> {
                        throw new BackendConfigException(where, "The HTTP data source " + http.name()
                                + " has two endpoints: " + http.endpoint() + " and " + other.endpoint() + ".",
                                "give each endpoint its own data source name.");
                    });
        }
    }

    private void typeName(String name, Set<String> seen) {
        String where = "data.schema." + name;
        if (!GRAPHQL_NAME.matcher(name).matches()) {
            throw new BackendConfigException(where, "'" + name + "' is not a valid GraphQL type name.",
                    "start with a letter or underscore and use only letters, digits and underscores.");
        }
        if (RESERVED_TYPES.contains(name) || name.startsWith("Model") && (name.endsWith("Input")
                || name.endsWith("Connection"))) {
            throw new BackendConfigException(where, "'" + name + "' is a name the generated schema uses itself.",
                    "rename the type.");
        }
        if (!seen.add(name)) {
            throw new BackendConfigException(where, "The schema defines '" + name + "' more than once.",
                    "give each model, enum and custom type its own name.");
        }
    }

    private void enumType(EnumType type) {
        String where = "data.schema." + type.name();
        if (type.values().isEmpty()) {
            throw new BackendConfigException(where, "The enum has no values.", "list at least one value.");
        }
        Set<String> seen = new HashSet<>();
        for (String value : type.values()) {
            if (!GRAPHQL_NAME.matcher(value).matches() || List.of("true", "false", "null").contains(value)) {
                throw new BackendConfigException(where, "'" + value + "' is not a valid enum value.",
                        "use letters, digits and underscores, starting with a letter or underscore.");
            }
            if (!seen.add(value)) {
                throw new BackendConfigException(where, "The value '" + value + "' is listed twice.",
                        "list each value once.");
            }
        }
    }

    private void field(String where, String name, Field field) {
        if (!GRAPHQL_NAME.matcher(name).matches() || RESERVED_FIELDS.contains(name)) {
            throw new BackendConfigException(where, "'" + name + "' is not a valid field name.",
                    "use a GraphQL name other than and, or, not and __typename.");
        }
        if (field.type() instanceof FieldType.EnumRef ref && !enums.contains(ref.name())) {
            throw new BackendConfigException(where, "The field refers to the enum '" + ref.name()
                    + "', which the schema does not define.", "add EnumType.of(\"" + ref.name()
                    + "\", ...) to the schema's enums, or fix the name.");
        }
        if (field.type() instanceof FieldType.ModelRef ref) {
            throw new BackendConfigException(where, "The field refers to the model '" + ref.name()
                    + "', which only a custom operation may return.", "relate models with hasMany, hasOne and"
                    + " belongsTo, or return it from a custom operation's returns(..).");
        }
        if (field.type() instanceof FieldType.CustomTypeRef ref && !customTypes.contains(ref.name())) {
            throw new BackendConfigException(where, "The field refers to the custom type '" + ref.name()
                    + "', which the schema does not define.", "add CustomType.named(\"" + ref.name()
                    + "\") to the schema's custom types, or fix the name.");
        }
        field.defaultValue().ifPresent(value -> defaultValue(where, field, value));
    }

    private void defaultValue(String where, Field field, Field.DefaultValue value) {
        if (field.isArray() || field.type() instanceof FieldType.CustomTypeRef) {
            throw new BackendConfigException(where, "Only scalar and enum fields can have a default value.",
                    "remove defaultValue(...) from the list or custom type field.");
        }
        String type = field.type().graphqlName();
        Set<Field.DefaultValue.Given> accepted = acceptedDefaults(field.type());
        if (!accepted.contains(value.given())) {
            throw badDefault(where, field, "The default value " + value.text() + " is a " + describe(value.given())
                    + ", but the field's type is " + type + ".", ", or change the field's type.");
        }
        boolean valid;
        if (field.type() instanceof FieldType.EnumRef ref) {
            valid = enumValues(ref).contains(value.text());
        } else {
            valid = DefaultValueFormats.valid((Scalar) field.type(), value.text());
        }
        if (!valid) {
            throw badDefault(where, field, "The default value '" + value.text() + "' is not a valid " + type + ".",
                    ".");
        }
    }

    /** A bad default's error, offering a default of the field's type when there is one to offer. */
    private BackendConfigException badDefault(String where, Field field, String problem, String fixEnd) {
        Optional<String> example = field.type() instanceof Scalar scalar
                ? Optional.of(DefaultValueFormats.exampleValue(scalar))
                : enumValues((FieldType.EnumRef) field.type()).stream().findFirst();
        if (example.isEmpty()) {
            return new BackendConfigException(where, problem, "give a default of the field's type: "
                    + "defaultValue(\"<one of the enum's values>\")" + fixEnd);
        }
        String code = field.type() instanceof Scalar scalar ? DefaultValueFormats.example(scalar)
                : "defaultValue(\"" + example.get() + "\")";
        return BackendConfigException.withReplacement(where, problem, "give a default of the field's type: " + code
                + fixEnd, example.get());
    }

    /** The values of the enum a field refers to; empty when the schema does not define it. */
    private List<String> enumValues(FieldType.EnumRef ref) {
        return schema.enums().stream().filter(enumType -> enumType.name().equals(ref.name())).findFirst()
                .map(EnumType::values).orElse(List.of());
    }

    /** How a default of each type may be given: numbers as numbers (or their text), the rest as text or boolean. */
    private static Set<Field.DefaultValue.Given> acceptedDefaults(FieldType type) {
        if (!(type instanceof Scalar scalar)) {
            return EnumSet.of(Field.DefaultValue.Given.TEXT);
        }
        return switch (scalar) {
            case INT, TIMESTAMP -> EnumSet.of(Field.DefaultValue.Given.WHOLE_NUMBER, Field.DefaultValue.Given.TEXT);
            case FLOAT -> EnumSet.of(Field.DefaultValue.Given.NUMBER, Field.DefaultValue.Given.WHOLE_NUMBER,
                    Field.DefaultValue.Given.TEXT);
            case BOOLEAN -> EnumSet.of(Field.DefaultValue.Given.BOOLEAN, Field.DefaultValue.Given.TEXT);
            default -> EnumSet.of(Field.DefaultValue.Given.TEXT);
        };
    }

    private static String describe(Field.DefaultValue.Given given) {
        return switch (given) {
            case TEXT -> "text";
            case WHOLE_NUMBER, NUMBER -> "number";
            case BOOLEAN -> "boolean";
        };
    }

    private void model(Model model) {
        String where = "data.schema." + model.name();
        model.fields().forEach((name, field) -> field(where + "." + name, name, field));
        Set<String> implicit = new HashSet<>(List.of(Model.DEFAULT_IDENTIFIER, ModelShape.CREATED_AT,
                ModelShape.UPDATED_AT));
        schema.rulesOf(model).forEach(rule -> rule.ownerField().or(rule::groupsField).ifPresent(implicit::add));
        model.relationships().keySet().forEach(name -> {
            if (model.fields().containsKey(name) || implicit.contains(name)) {
                throw new BackendConfigException(where + "." + name, "'" + name
                        + "' is both a field and a relationship.", "rename the relationship.");
            }
        });
        identifier(where, model);
        Set<String> indexNames = new HashSet<>();
        for (SecondaryIndex index : model.secondaryIndexes()) {
            secondaryIndex(where + ".secondaryIndexes", model, index, indexNames);
        }
        model.relationships().forEach((name, relationship) -> relationship(where + "." + name, model, name,
                relationship));
        long relationshipIndexes = schema.models().stream().flatMap(other -> other.relationships().values().stream())
                .filter(relationship -> relationship.referencesOnRelatedModel()
                        && relationship.relatedModel().equals(model.name()))
                .count();
        if (model.secondaryIndexes().size() + relationshipIndexes > MAX_INDEXES) {
            throw new BackendConfigException(where, "The model's table needs " + model.secondaryIndexes().size()
                    + " secondary indexes and " + relationshipIndexes + " for relationships; DynamoDB allows "
                    + MAX_INDEXES + " per table.", "remove indexes, or point fewer hasMany and hasOne"
                    + " relationships at this model.");
        }
        schema.rulesOf(model).forEach(rule -> rule(where + ".authorization", rule, Optional.of(model)));
        model.fields().forEach((name, field) -> field.rules().forEach(rule ->
                rule(where + "." + name + ".authorization", rule, Optional.of(model))));
    }

    private void identifier(String where, Model model) {
        if (model.identifier().isEmpty()) {
            throw new BackendConfigException(where + ".identifier", "An identifier needs at least one field.",
                    "give its partition key field, then any sort key fields: identifier(\"tenant\", \"slug\").");
        }
        if (new HashSet<>(model.identifier()).size() < model.identifier().size()) {
            throw new BackendConfigException(where + ".identifier", "The identifier " + model.identifier()
                    + " names a field twice.", "name each field once.");
        }
        if (model.hasDefaultIdentifier()) {
            return;
        }
        for (String key : model.identifier()) {
            Field field = model.fields().get(key);
            if (field == null) {
                throw new BackendConfigException(where + ".identifier", "The identifier field '" + key
                        + "' is not a field of the model.", "declare it, for example field(\"" + key
                        + "\", Field.string().required()).");
            }
            if (!field.isRequired()) {
                throw new BackendConfigException(where + ".identifier", "The identifier field '" + key
                        + "' must be required.", "declare it with .required().");
            }
            keyField(where + ".identifier", key, field, false);
        }
    }

    private static void keyField(String where, String name, Field field, boolean enumAllowed) {
        boolean scalarKey = field.type() instanceof Scalar scalar && scalar != Scalar.BOOLEAN
                && scalar != Scalar.JSON;
        boolean enumKey = enumAllowed && field.type() instanceof FieldType.EnumRef;
        if (field.isArray() || !scalarKey && !enumKey) {
            throw new BackendConfigException(where, "The key field '" + name + "' is a "
                    + field.graphqlType() + "; keys must be single " + (enumAllowed ? "enum or " : "")
                    + "scalar values other than Boolean and AWSJSON.", "key on another field.");
        }
    }

    private void secondaryIndex(String where, Model model, SecondaryIndex index, Set<String> names) {
        List<String> keys = concat(index.partitionKeys(), index.sortKeys());
        if (index.partitionKeys().isEmpty()) {
            throw new BackendConfigException(where, "An index needs a partition key field.",
                    "name one: SecondaryIndex.on(\"status\").");
        }
        if (index.partitionKeys().size() > 1 && !index.multiAttribute()) {
            throw new BackendConfigException(where, "The index on " + index.partitionKeys() + " has "
                    + index.partitionKeys().size() + " partition key fields; only DynamoDB's multi-attribute keys"
                    + " take more than one.", "add .multiAttributeKeys(), or partition on one field.");
        }
        if (index.multiAttribute() && (index.partitionKeys().size() > SecondaryIndex.MAX_KEY_ATTRIBUTES
                || index.sortKeys().size() > SecondaryIndex.MAX_KEY_ATTRIBUTES)) {
            throw new BackendConfigException(where, "The index on " + index.partitionKeys() + " has "
                    + index.partitionKeys().size() + " partition key and " + index.sortKeys().size()
                    + " sort key attributes; DynamoDB's multi-attribute keys take at most "
                    + SecondaryIndex.MAX_KEY_ATTRIBUTES + " of each.", "key the index on fewer fields.");
        }
        if (new HashSet<>(keys).size() < keys.size()) {
            throw new BackendConfigException(where, "The index " + keys + " names a field twice.",
                    "name each key field once.");
        }
        for (String key : keys) {
            boolean partition = index.partitionKeys().contains(key);
            Field field = model.fields().get(key);
            if (field == null && !List.of(ModelShape.CREATED_AT, ModelShape.UPDATED_AT).contains(key)) {
                throw new BackendConfigException(where, "The index key '" + key + "' is not a field of the model.",
                        "declare the field or fix the name.");
            }
            if (field != null) {
                keyField(where, key, field, partition);
            }
        }
        index.name().ifPresent(name -> {
            if (!INDEX_NAME.matcher(name).matches()) {
                throw new BackendConfigException(where, "The indexName is invalid. It should be between 3 and 255"
                        + " characters. Only A–Z, a–z, 0–9, underscore characters, hyphens, and periods allowed.",
                        "rename the index.");
            }
        });
        String name = index.name().orElse(index.partitionKeys() + "|" + index.sortKeys());
        if (!names.add(name)) {
            throw new BackendConfigException(where, "Two indexes of the model have the same name or keys.",
                    "remove the duplicate, or name the indexes differently.");
        }
    }

    private void relationship(String where, Model model, String name, Relationship relationship) {
        Optional<Model> related = schema.models().stream()
                .filter(candidate -> candidate.name().equals(relationship.relatedModel())).findFirst();
        if (related.isEmpty()) {
            throw new BackendConfigException(where, "The relationship refers to the model '"
                    + relationship.relatedModel() + "', which the schema does not define.",
                    "add the model or fix the name.");
        }
        Model keyed = relationship.referencesOnRelatedModel() ? model : related.get();
        Model holder = relationship.referencesOnRelatedModel() ? related.get() : model;
        if (relationship.references().size() != keyed.identifier().size()) {
            throw new BackendConfigException(where, "The relationship names " + relationship.references().size()
                    + " reference field(s), but " + keyed.name() + "'s identifier has " + keyed.identifier().size()
                    + ".", "give one reference field of " + holder.name() + " per identifier field of "
                    + keyed.name() + ", in order: " + keyed.identifier() + ".");
        }
        if (keyed.identifier().size() > 2) {
            throw new BackendConfigException(where, "The relationship refers to " + keyed.name() + ", whose"
                    + " identifier " + keyed.identifier() + " has a composite sort key; relationships to such"
                    + " models are not supported yet.", "give " + keyed.name() + " an identifier of one or two"
                    + " fields, or relate the models by a field of their own.");
        }
        for (String reference : relationship.references()) {
            if (!holder.fields().containsKey(reference)) {
                throw new BackendConfigException(where, "The reference field '" + reference + "' is not a field of "
                        + holder.name() + ".", "declare it on " + holder.name() + ", for example field(\""
                        + reference + "\", Field.id()).");
            }
        }
        if (relationship.referencesOnRelatedModel()) {
            boolean counterpart = related.get().relationships().values().stream()
                    .anyMatch(other -> other.kind() == Relationship.Kind.BELONGS_TO
                            && other.relatedModel().equals(model.name())
                            && other.references().equals(relationship.references()));
            if (!counterpart) {
                throw new BackendConfigException(where, "The " + relationship.kind().name().toLowerCase()
                        .replace("_m", "M").replace("_o", "O") + " relationship '" + name
                        + "' has no matching belongsTo on " + related.get().name() + ".",
                        "add belongsTo(\"" + Names.lowerFirst(model.name()) + "\", \"" + model.name() + "\", "
                                + String.join(", ", relationship.references().stream().map(r -> "\"" + r + "\"")
                                        .toList()) + ") to " + related.get().name() + ".");
            }
        }
    }

    private void rule(String where, AuthRule rule, Optional<Model> model) {
        if (rule.operations().isEmpty()) {
            throw new BackendConfigException(where, "A rule allows no operations.",
                    "pass at least one Operation to to(...), or leave to(...) out to allow all.");
        }
        Set<AuthProvider> allowed = switch (rule.strategy()) {
            case PUBLIC -> Set.of(AuthProvider.API_KEY, AuthProvider.IAM);
            case PRIVATE -> Set.of(AuthProvider.USER_POOLS, AuthProvider.OIDC, AuthProvider.IAM);
            case OWNER, GROUPS -> Set.of(AuthProvider.USER_POOLS, AuthProvider.OIDC);
            case CUSTOM -> Set.of(AuthProvider.FUNCTION);
        };
        if (!allowed.contains(rule.provider())) {
            throw new BackendConfigException(where, "A " + rule.strategy().amplifyName() + " rule cannot use the "
                    + rule.provider().amplifyName() + " provider.", "use one of " + allowed.stream()
                    .map(AuthProvider::amplifyName).sorted().toList() + ".");
        }
        if (rule.strategy() == AuthRule.Strategy.GROUPS && rule.groupsField().isEmpty() && rule.groups().isEmpty()) {
            throw new BackendConfigException(where, "A groups rule names no groups.",
                    "name at least one group: AuthRule.groups(\"ADMINS\").");
        }
        if (rule.groups().stream().anyMatch(String::isBlank)) {
            throw new BackendConfigException(where, "A groups rule names a group without a name: "
                    + rule.groups().stream().map(group -> "'" + group + "'").collect(Collectors.joining(", ")) + ".",
                    "give each group's name, such as AuthRule.groups(\"ADMINS\").");
        }
        Optional<String> ruleField = rule.ownerField().or(rule::groupsField);
        if (model.isPresent() && ruleField.isPresent()) {
            Field declared = model.get().fields().get(ruleField.get());
            boolean textual = declared == null || declared.type() == Scalar.STRING || declared.type() == Scalar.ID;
            if (!textual || declared != null && declared.isArray() != rule.multiple()) {
                throw new BackendConfigException(where, "The rule's field '" + ruleField.get() + "' is a "
                        + declared.graphqlType() + "; it must be " + (rule.multiple() ? "a list of strings"
                                : "a string") + ".", "declare it as Field.string()" + (rule.multiple() ? ".array()"
                                        : "") + ", or leave it out and it is added for you.");
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

}
