package dev.gen2.backend.auth;

import dev.gen2.backend.Required;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A custom user attribute, {@code custom:<name>} in tokens: Amplify's {@code userAttributes['custom:name']}.
 * Cognito cannot change or remove a custom attribute once the pool exists.
 *
 * @param name the name without the {@code custom:} prefix
 * @param type the data type
 * @param mutable whether users may change it after sign-up (Amplify's default: true)
 * @param min the least length (strings) or value (numbers)
 * @param max the greatest length (strings) or value (numbers)
 */
public record CustomAttribute(String name, Type type, boolean mutable, OptionalInt min, OptionalInt max) {

    /** Cognito's custom attribute types. */
    public enum Type { STRING, NUMBER, BOOLEAN, DATE_TIME }

    public CustomAttribute {
        Required.argument(name, "auth.userAttributes", "The custom attribute's name",
                "give a name, such as CustomAttribute.string(\"department\").");
        Required.argument(type, "auth.userAttributes['custom:" + name + "']", "The type",
                "use CustomAttribute.string, number, bool or dateTime.");
    }

    public static CustomAttribute string(String name) {
        return new CustomAttribute(name, Type.STRING, true, OptionalInt.empty(), OptionalInt.empty());
    }

    public static CustomAttribute number(String name) {
        return new CustomAttribute(name, Type.NUMBER, true, OptionalInt.empty(), OptionalInt.empty());
    }

    public static CustomAttribute bool(String name) {
        return new CustomAttribute(name, Type.BOOLEAN, true, OptionalInt.empty(), OptionalInt.empty());
    }

    public static CustomAttribute dateTime(String name) {
        return new CustomAttribute(name, Type.DATE_TIME, true, OptionalInt.empty(), OptionalInt.empty());
    }

    public CustomAttribute mutable(boolean isMutable) {
        return new CustomAttribute(name, type, isMutable, min, max);
    }

    /** The least and greatest length of a string, or value of a number. */
    public CustomAttribute bounds(int least, int greatest) {
        return new CustomAttribute(name, type, mutable, OptionalInt.of(least), OptionalInt.of(greatest));
    }

    /** The name without a {@code custom:} prefix, whichever way it was given. */
    public String bareName() {
        return name.startsWith("custom:") ? name.substring("custom:".length()) : name;
    }

    Optional<String> boundsError() {
        if (type != Type.STRING && type != Type.NUMBER && (min.isPresent() || max.isPresent())) {
            return Optional.of("Only String and Number custom attributes take bounds, but " + type + " attribute '"
                    + bareName() + "' has them.");
        }
        if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
            return Optional.of("Custom attribute '" + bareName() + "' has its least bound " + min.getAsInt()
                    + " above its greatest " + max.getAsInt() + ".");
        }
        if (type == Type.STRING && (min.orElse(0) < 0 || max.orElse(0) > 2048)) {
            return Optional.of("The length of string attribute '" + bareName() + "' must lie between 0 and 2048.");
        }
        return Optional.empty();
    }
}
