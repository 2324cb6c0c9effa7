package dev.gen2.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gen2.backend.auth.StandardAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Cognito cannot change on an existing user pool, although neither the CloudFormation resource schemas nor the
 * CDK service specification mark it (they list no replacing property for {@code AWS::Cognito::UserPool}): such a
 * change fails at deploy time with "Updates are not allowed for property" or "Existing schema attributes cannot be
 * modified or deleted", and the stack rolls back. Each rule cites where Cognito documents it.
 */
final class CognitoUpdateRules {
    /** Amazon Cognito Developer Guide, "Updating user pool and app client configuration", settings you can't change. */
    static final String CANNOT_CHANGE = "Cognito developer guide, Updating user pool configuration: settings you"
            + " can't change";
    /** Amazon Cognito Developer Guide, "Working with user attributes", custom attributes. */
    static final String CUSTOM_ATTRIBUTES = "Cognito developer guide, Working with user attributes: a custom"
            + " attribute can't be removed or changed";

    private static final Set<String> STANDARD_NAMES = Arrays.stream(StandardAttribute.values())
            .map(StandardAttribute::cognitoName).collect(Collectors.toSet());

    /** A property of the pool that is fixed at creation, with what it is to a user. */
    private record FixedProperty(String property, String what) {
    }

    private static final List<FixedProperty> FIXED = List.of(
            new FixedProperty("UsernameAttributes", "the sign-in options (username attributes: email or phone)"),
            new FixedProperty("AliasAttributes", "the sign-in options (alias attributes)"),
            new FixedProperty("UsernameConfiguration", "username case sensitivity"));

    private CognitoUpdateRules() {
    }

    /** The reasons Cognito would refuse to update the pool {@code deployed} to {@code proposed}; empty if none. */
    static List<String> refusals(JsonNode deployed, JsonNode proposed) {
        List<String> reasons = new ArrayList<>();
        for (FixedProperty fixed : FIXED) {
            if (!Objects.equals(deployed.get(fixed.property()), proposed.get(fixed.property()))) {
                reasons.add(fixed.property() + " changes: " + fixed.what() + " are fixed when the pool is created; "
                        + CANNOT_CHANGE);
            }
        }
        Map<String, JsonNode> before = attributes(deployed);
        Map<String, JsonNode> after = attributes(proposed);
        before.forEach((name, attribute) -> {
            JsonNode changed = after.get(name);
            boolean custom = !STANDARD_NAMES.contains(name);
            if (changed == null) {
                reasons.add("Schema: the " + (custom ? "custom" : "standard") + " attribute " + name + " is removed;"
                        + (custom ? " " + CUSTOM_ATTRIBUTES : " existing attributes cannot be deleted, "
                                + CANNOT_CHANGE));
            } else if (required(attribute) != required(changed)) {
                reasons.add("Schema: the attribute " + name + " becomes " + (required(changed) ? "required"
                        : "optional") + "; required attributes are fixed when the pool is created, " + CANNOT_CHANGE);
            } else if (!normalized(attribute).equals(normalized(changed))) {
                reasons.add("Schema: the attribute " + name + " changes (type, mutability or constraints); existing"
                        + " attributes cannot be modified, " + (custom ? CUSTOM_ATTRIBUTES : CANNOT_CHANGE));
            }
        });
        after.forEach((name, attribute) -> {
            if (!before.containsKey(name) && required(attribute)) {
                reasons.add("Schema: the attribute " + name + " is added as required; required attributes are fixed"
                        + " when the pool is created, " + CANNOT_CHANGE);
            }
        });
        return reasons;
    }

    private static Map<String, JsonNode> attributes(JsonNode pool) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        pool.path("Schema").forEach(attribute -> byName.put(attribute.path("Name").asText(), attribute));
        return byName;
    }

    private static boolean required(JsonNode attribute) {
        return attribute.path("Required").asBoolean(false);
    }

    /** An attribute with Cognito's defaults filled in (mutable, String), so that omitted and default compare equal. */
    private static Map<String, String> normalized(JsonNode attribute) {
        return Map.of("type", attribute.path("AttributeDataType").asText("String"),
                "mutable", String.valueOf(attribute.path("Mutable").asBoolean(true)),
                "string", attribute.path("StringAttributeConstraints").toString(),
                "number", attribute.path("NumberAttributeConstraints").toString());
    }
}
