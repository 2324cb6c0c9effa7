package dev.gen2.backend.data;

import dev.gen2.backend.Required;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of the schema, Amplify's {@code a.model({...})}: a DynamoDB table with get, list, create, update, delete
 * and subscription operations. Models are immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * Model.named("Todo")
 *         .field("content", Field.string())
 *         .field("done", Field.bool().required().defaultValue(false))
 *         .authorization(AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ))
 * }</pre>
 *
 * @param name the model's name, a GraphQL type name
 * @param fields the declared fields in order; {@code id}, {@code createdAt} and {@code updatedAt} are implicit
 * @param relationships the relationship fields, by field name
 * @param identifier the primary key fields: partition key, then at most one sort key; {@code id} by default
 * @param secondaryIndexes the secondary indexes
 * @param rules the model's authorization rules; none means only IAM principals granted access reach it
 */
public record Model(String name, Map<String, Field> fields, Map<String, Relationship> relationships,
        List<String> identifier, List<SecondaryIndex> secondaryIndexes, List<AuthRule> rules) {

    static final String DEFAULT_IDENTIFIER = "id";

    public Model {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        relationships = Collections.unmodifiableMap(new LinkedHashMap<>(relationships));
        identifier = List.copyOf(identifier);
        secondaryIndexes = List.copyOf(secondaryIndexes);
        rules = List.copyOf(rules);
    }

    public static Model named(String name) {
        return new Model(Required.argument(name, "data.schema", "A model's name", "give one: Model.named(\"Todo\")."),
                Map.of(), Map.of(), List.of(DEFAULT_IDENTIFIER), List.of(), List.of());
    }

    public Model field(String fieldName, Field field) {
        Map<String, Field> more = new LinkedHashMap<>(fields);
        String where = "data.schema." + name;
        more.put(Required.argument(fieldName, where, "A field name", "give one: field(\"title\", Field.string())."),
                Required.argument(field, where + "." + fieldName, "The field", "give its type, such as"
                        + " Field.string()."));
        return new Model(name, more, relationships, identifier, secondaryIndexes, rules);
    }

    /** A list of the related model's records whose {@code references} hold this record's identifier. */
    public Model hasMany(String fieldName, String relatedModel, String... references) {
        return relationship(fieldName, new Relationship(Relationship.Kind.HAS_MANY, relatedModel, List.of(references)));
    }

    /** The one related record whose {@code references} hold this record's identifier. */
    public Model hasOne(String fieldName, String relatedModel, String... references) {
        return relationship(fieldName, new Relationship(Relationship.Kind.HAS_ONE, relatedModel, List.of(references)));
    }

    /** The related record whose identifier this record holds in its own fields {@code references}. */
    public Model belongsTo(String fieldName, String relatedModel, String... references) {
        return relationship(fieldName,
                new Relationship(Relationship.Kind.BELONGS_TO, relatedModel, List.of(references)));
    }

    private Model relationship(String fieldName, Relationship relationship) {
        Map<String, Relationship> more = new LinkedHashMap<>(relationships);
        more.put(fieldName, relationship);
        return new Model(name, fields, more, identifier, secondaryIndexes, rules);
    }

    /** A custom primary key, Amplify's {@code .identifier(['tenant', 'slug'])}: partition key, then sort key. */
    public Model identifier(String... keyFields) {
        return new Model(name, fields, relationships, List.of(keyFields), secondaryIndexes, rules);
    }

    public Model secondaryIndexes(SecondaryIndex... indexes) {
        List<SecondaryIndex> more = new ArrayList<>(secondaryIndexes);
        more.addAll(List.of(indexes));
        return new Model(name, fields, relationships, identifier, more, rules);
    }

    /** The model's authorization rules, Amplify's {@code .authorization(allow => [...])}. */
    public Model authorization(AuthRule... modelRules) {
        return new Model(name, fields, relationships, identifier, secondaryIndexes, Required.each("data.schema."
                + name + ".authorization", "A rule", "give rules such as AuthRule.owner().", modelRules));
    }

    /** Whether the model uses Amplify's default identifier, the implicit {@code id: ID!}. */
    boolean hasDefaultIdentifier() {
        return identifier.equals(List.of(DEFAULT_IDENTIFIER)) && !fields.containsKey(DEFAULT_IDENTIFIER);
    }
}
