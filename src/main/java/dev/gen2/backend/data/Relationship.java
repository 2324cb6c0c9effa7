package dev.gen2.backend.data;

import java.util.List;

/**
 * A relationship field of a model, Amplify's {@code a.hasMany('Comment', 'postId')}, {@code a.hasOne(...)} and
 * {@code a.belongsTo('Post', 'postId')}. The reference fields are ordinary fields the user declares: on the related
 * model for {@code hasMany} and {@code hasOne}, on this model for {@code belongsTo}. A many-to-many relationship is
 * a join model that belongs to both sides, each side having many of it.
 *
 * @param kind which side of the relationship this field is
 * @param relatedModel the other model's name
 * @param references the fields holding the related record's identifier, in identifier order
 */
public record Relationship(Kind kind, String relatedModel, List<String> references) {

    /** The side of a relationship, as Amplify's model introspection names it. */
    public enum Kind {
        HAS_MANY, HAS_ONE, BELONGS_TO
    }

    public Relationship {
        references = List.copyOf(references);
    }

    /** Whether the reference fields sit on the related model (has-many, has-one) rather than on this one. */
    boolean referencesOnRelatedModel() {
        return kind != Kind.BELONGS_TO;
    }
}
