package dev.gen2.backend.auth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The standard attributes a user pool requires or lets users change, and its custom attributes: Amplify's
 * {@code userAttributes}.
 *
 * @param standard settings of standard attributes, in the order given, merged over Amplify's (email and phone number required and
 *     mutable when they are login methods)
 * @param custom custom attributes, in the order given
 */
public record UserAttributes(Map<StandardAttribute, Setting> standard, List<CustomAttribute> custom) {

    /** Whether a standard attribute must be given at sign-up, and whether users may change it later. */
    public record Setting(boolean required, boolean mutable) {
    }

    public UserAttributes {
        // The order is part of the template (the pool's schema): keep an ordered map's, and give any other map
        // the attributes' declaration order, so that a Map.of never makes synthesis differ between runs.
        Map<StandardAttribute, Setting> inOrder = new LinkedHashMap<>();
        if (standard instanceof LinkedHashMap || standard instanceof SortedMap || standard instanceof EnumMap) {
            inOrder.putAll(standard);
        } else {
            Map<StandardAttribute, Setting> byDeclaration = new EnumMap<>(StandardAttribute.class);
            byDeclaration.putAll(standard);
            inOrder.putAll(byDeclaration);
        }
        standard = Collections.unmodifiableMap(inOrder);
        custom = List.copyOf(custom);
    }

    public static UserAttributes none() {
        return new UserAttributes(Map.of(), List.of());
    }
}
