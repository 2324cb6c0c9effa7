package dev.gen2.backend.data;

import java.util.List;
import java.util.Locale;

/** How Amplify names what it derives from a model: plurals and capitalised parts. */
final class Names {

    private Names() {
    }

    static String capitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    static String lowerFirst(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    /**
     * The English plural Amplify's operation names use ({@code listTodos}, {@code listCategories}): the regular
     * rules of the {@code pluralize} package, without its list of irregular words.
     */
    static String plural(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
                || lower.endsWith("sh")) {
            return name + "es";
        }
        if (lower.length() > 1 && lower.endsWith("y") && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return name.substring(0, name.length() - 1) + "ies";
        }
        return name + "s";
    }

    /** The parts of a key joined Amplify's way: {@code OwnerAndCreatedAt}. */
    static String joinedKey(List<String> fields) {
        return String.join("And", fields.stream().map(Names::capitalize).toList());
    }
}
