package dev.gen2.backend.data;

import dev.gen2.backend.Required;
import java.util.ArrayList;
import java.util.List;

/**
 * The data schema, Amplify's {@code a.schema({...})}: models, enums, custom types, and custom queries and mutations
 * handled by functions. Schema-level rules apply to every model that has no rules of its own, as Amplify's
 * {@code a.schema({...}).authorization(...)} does.
 */
public record Schema(List<Model> models, List<EnumType> enums, List<CustomType> customTypes,
        List<CustomOperation> operations, List<AuthRule> rules) {

    public Schema {
        models = List.copyOf(models);
        enums = List.copyOf(enums);
        customTypes = List.copyOf(customTypes);
        operations = List.copyOf(operations);
        rules = List.copyOf(rules);
    }

    public static Schema of(Model... models) {
        return new Schema(concat(List.of(), models, "A model"), List.of(), List.of(), List.of(), List.of());
    }

    public Schema models(Model... more) {
        return new Schema(concat(models, more, "A model"), enums, customTypes, operations, rules);
    }

    public Schema enums(EnumType... more) {
        return new Schema(models, concat(enums, more, "An enum"), customTypes, operations, rules);
    }

    public Schema customTypes(CustomType... more) {
        return new Schema(models, enums, concat(customTypes, more, "A custom type"), operations, rules);
    }

    /** Custom queries and mutations, Amplify's {@code a.query()} and {@code a.mutation()}. */
    public Schema operations(CustomOperation... more) {
        return new Schema(models, enums, customTypes, concat(operations, more, "A custom operation"), rules);
    }

    public Schema authorization(AuthRule... schemaRules) {
        return new Schema(models, enums, customTypes, operations, concat(List.of(), schemaRules, "A rule"));
    }

    /** The rules that govern a model: its own, or the schema's when it has none. */
    List<AuthRule> rulesOf(Model model) {
        return model.rules().isEmpty() ? rules : model.rules();
    }

    /** The rules of a model and of its fields: every mode the model's type and fields let in. */
    List<AuthRule> allRulesOf(Model model) {
        return withFieldRules(rulesOf(model), model);
    }

    /** The given model rules followed by the rules of the model's fields. */
    static List<AuthRule> withFieldRules(List<AuthRule> modelRules, Model model) {
        List<AuthRule> all = new ArrayList<>(modelRules);
        model.fields().values().forEach(field -> all.addAll(field.rules()));
        return all;
    }

    private static <T> List<T> concat(List<T> first, T[] second, String what) {
        List<T> all = new ArrayList<>(first);
        all.addAll(Required.each("data.schema", what, "leave it out, or give it; a null one is often a static field"
                + " read before it was set.", second));
        return all;
    }
}
