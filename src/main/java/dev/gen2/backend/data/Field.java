package dev.gen2.backend.data;

import dev.gen2.backend.Required;
import java.util.List;
import java.util.Optional;

/**
 * A field of a model or custom type, Amplify's {@code a.string()}, {@code a.integer().required()} and the others.
 * Fields are immutable: {@code required()}, {@code array()} and the rest return a changed copy.
 *
 * @param type what the field holds
 * @param isRequired whether a value must be given ({@code String!})
 * @param isArray whether the field is a list ({@code [String]})
 * @param elementRequired whether a list's elements may not be null ({@code [String!]}): {@code required()} before
 *     {@code array()}, as in Amplify
 * @param defaultValue the value a create without the field stores
 * @param rules field-level authorization rules; empty means the model's rules apply
 */
public record Field(FieldType type, boolean isRequired, boolean isArray, boolean elementRequired,
        Optional<Field.DefaultValue> defaultValue,
        List<AuthRule> rules) {

    /**
     * A default value: the GraphQL literal's text, and the Java type it was given as, so that a number given to a
     * {@code String} field (or text to a {@code Boolean} one) is caught rather than stored as text.
     *
     * @param text the literal's text, such as {@code OPEN}, {@code 1} or {@code true}
     * @param given what it was given as
     */
    public record DefaultValue(String text, Given given) {

        /** Which {@code defaultValue(..)} gave it: the one taking a String, a long, a double or a boolean. */
        public enum Given { TEXT, WHOLE_NUMBER, NUMBER, BOOLEAN }
    }

    public Field {
        rules = List.copyOf(rules);
    }

    public static Field of(FieldType type) {
        return new Field(type, false, false, false, Optional.empty(), List.of());
    }

    public static Field id() {
        return of(Scalar.ID);
    }

    public static Field string() {
        return of(Scalar.STRING);
    }

    public static Field integer() {
        return of(Scalar.INT);
    }

    public static Field floatType() {
        return of(Scalar.FLOAT);
    }

    public static Field bool() {
        return of(Scalar.BOOLEAN);
    }

    public static Field date() {
        return of(Scalar.DATE);
    }

    public static Field time() {
        return of(Scalar.TIME);
    }

    public static Field datetime() {
        return of(Scalar.DATETIME);
    }

    public static Field timestamp() {
        return of(Scalar.TIMESTAMP);
    }

    public static Field email() {
        return of(Scalar.EMAIL);
    }

    public static Field json() {
        return of(Scalar.JSON);
    }

    public static Field phone() {
        return of(Scalar.PHONE);
    }

    public static Field url() {
        return of(Scalar.URL);
    }

    public static Field ipAddress() {
        return of(Scalar.IP_ADDRESS);
    }

    /** A field holding one value of the schema's enum {@code name}, Amplify's {@code a.ref('Status')}. */
    public static Field enumRef(String name) {
        return of(new FieldType.EnumRef(name));
    }

    /** A field holding the schema's custom type {@code name}, Amplify's {@code a.ref('Location')}. */
    public static Field customType(String name) {
        return of(new FieldType.CustomTypeRef(name));
    }

    /**
     * A record of the schema's model {@code name}, Amplify's {@code a.ref('Post')} in a custom operation's
     * {@code returns(..)} ({@code .array()} for a list): its fields and relationships resolve on the returned record.
     */
    public static Field modelRef(String name) {
        return of(new FieldType.ModelRef(name));
    }

    public Field required() {
        return new Field(type, true, isArray, elementRequired, defaultValue, rules);
    }

    /** Makes the field a list; a field already required becomes a list of required elements. */
    public Field array() {
        return new Field(type, false, true, isRequired, defaultValue, rules);
    }

    /**
     * The value stored when a create leaves the field out: text for text fields (and enum values), or a number or a
     * boolean for fields of those types. Text that spells a number is accepted for a number field too.
     */
    public Field defaultValue(String value) {
        return withDefault(new DefaultValue(Required.argument(value, "data.schema", "A default value",
                "give a value, or leave defaultValue(..) out."), DefaultValue.Given.TEXT));
    }

    public Field defaultValue(long value) {
        return withDefault(new DefaultValue(Long.toString(value), DefaultValue.Given.WHOLE_NUMBER));
    }

    public Field defaultValue(double value) {
        return withDefault(new DefaultValue(Double.toString(value), DefaultValue.Given.NUMBER));
    }

    public Field defaultValue(boolean value) {
        return withDefault(new DefaultValue(Boolean.toString(value), DefaultValue.Given.BOOLEAN));
    }

    private Field withDefault(DefaultValue value) {
        return new Field(type, isRequired, isArray, elementRequired, Optional.of(value), rules);
    }

    /** Field-level authorization: who may read or set this field, replacing the model's rules for it. */
    public Field authorization(AuthRule... fieldRules) {
        return new Field(type, isRequired, isArray, elementRequired, defaultValue, List.of(fieldRules));
    }

    /** The GraphQL type of the field as it is read: {@code String}, {@code String!}, {@code [String]}. */
    String graphqlType() {
        String element = type.graphqlName() + (elementRequired ? "!" : "");
        String base = isArray ? "[" + element + "]" : element;
        return isRequired ? base + "!" : base;
    }
}
