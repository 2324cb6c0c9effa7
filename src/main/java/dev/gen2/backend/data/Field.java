package dev.gen2.backend.data;

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
 * @param defaultValue the value a create without the field stores, as the GraphQL literal's text
 * @param rules field-level authorization rules; empty means the model's rules apply
 */
public record Field(FieldType type, boolean isRequired, boolean isArray, boolean elementRequired,
        Optional<String> defaultValue,
        List<AuthRule> rules) {

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

    public Field required() {
        return new Field(type, true, isArray, elementRequired, defaultValue, rules);
    }

    /** Makes the field a list; a field already required becomes a list of required elements. */
    public Field array() {
        return new Field(type, false, true, isRequired, defaultValue, rules);
    }

    /** The value stored when a create leaves the field out. Strings are given as they are, numbers as text. */
    public Field defaultValue(String value) {
        return new Field(type, isRequired, isArray, elementRequired, Optional.of(value), rules);
    }

    public Field defaultValue(long value) {
        return defaultValue(Long.toString(value));
    }

    public Field defaultValue(double value) {
        return defaultValue(Double.toString(value));
    }

    public Field defaultValue(boolean value) {
        return defaultValue(Boolean.toString(value));
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
