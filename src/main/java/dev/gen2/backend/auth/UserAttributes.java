package dev.gen2.backend.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<StandardAttribute, Setting> inOrder = new LinkedHashMap<>();
        inOrder.putAll(standard);
        standard = Collections.unmodifiableMap(inOrder);
        custom = List.copyOf(custom);
    }

    public static UserAttributes none() {
        return new UserAttributes(Map.of(), List.of());
    }
}
