package dev.gen2.backend.data;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the identity pool's roles may call on the API, as Amplify's auth transformer grants it: a role gets
 * {@code appsync:GraphQL} on a Query, Mutation or Subscription field exactly when a rule it can use allows that
 * field's operation, and on the types those rules protect (with the model's connection type where they allow
 * listing it); owner, group, user-pool, OIDC, API-key and Lambda rules
 * grant it nothing. Guests (the unauthenticated role) use {@code allow.guest()}; signed-in users (the authenticated
 * role) use it and {@code allow.authenticated('identityPool')}, as in Amplify. Each grant is the part of the
 * resource ARN after {@code <api arn>/types/}: {@code Query/fields/getTodo}, or {@code Todo/*} for a whole type.
 *
 * @param authenticated the authenticated role's grants, sorted
 * @param guest the unauthenticated role's grants, sorted
 */
record IdentityPoolGrants(Set<String> authenticated, Set<String> guest) {

    /** The grants of a schema's models and custom operations. */
    static IdentityPoolGrants of(Schema schema, Collection<ModelShape> shapes) {
        SortedSet<String> authenticated = new TreeSet<>();
        SortedSet<String> guest = new TreeSet<>();
        for (ModelShape shape : shapes) {
            rootFields(shape).forEach((field, operation) -> grant(shape.rules().stream()
                    .filter(rule -> rule.allows(operation)).toList(), field, authenticated, guest));
            for (String type : typesOf(schema, shape)) {
                grant(shape.rules(), type + "/*", authenticated, guest);
            }
            // the list's connection type too (its items and nextToken), where the rules allow listing
            grant(shape.rules().stream().filter(rule -> rule.allows(Operation.LIST)).toList(),
                    "Model" + shape.name() + "Connection/*", authenticated, guest);
            shape.fieldRules().forEach((field, rules) -> grant(rules, shape.name() + "/fields/" + field,
                    authenticated, guest));
        }
        for (CustomOperation operation : schema.operations()) {
            grant(operation.rules(), operation.kind().typeName() + "/fields/" + operation.name(), authenticated,
                    guest);
            if (operation.returns().type() instanceof FieldType.CustomTypeRef returned) {
                for (String type : reachableCustomTypes(schema, List.of(returned.name()))) {
                    grant(operation.rules(), type + "/*", authenticated, guest);
                }
            }
        }
        // sorted sets: Set.copyOf's order changes from one JVM to the next, and the policies must not
        return new IdentityPoolGrants(Collections.unmodifiableSortedSet(authenticated),
                Collections.unmodifiableSortedSet(guest));
    }

    /** Whether neither role is granted anything. */
    boolean isEmpty() {
        return authenticated.isEmpty() && guest.isEmpty();
    }

    private static void grant(List<AuthRule> rules, String resource, Set<String> authenticated, Set<String> guest) {
        for (AuthRule rule : rules) {
            if (rule.provider() != AuthProvider.IAM) {
                continue;
            }
            if (rule.strategy() == AuthRule.Strategy.PUBLIC) {
                guest.add(resource);
                authenticated.add(resource);
            } else if (rule.strategy() == AuthRule.Strategy.PRIVATE) {
                authenticated.add(resource);
            }
        }
    }

    /** The model's root fields (get, list, index queries, mutations, subscriptions) and the operation each needs. */
    private static Map<String, Operation> rootFields(ModelShape shape) {
        Map<String, Operation> fields = new LinkedHashMap<>();
        fields.put("Query/fields/" + shape.getQuery(), Operation.GET);
        fields.put("Query/fields/" + shape.listQuery(), Operation.LIST);
        shape.indexes().forEach(index -> index.queryField().ifPresent(query -> fields.put("Query/fields/" + query,
                Operation.LIST)));
        for (String verb : ModelShape.MUTATION_VERBS) {
            fields.put("Mutation/fields/" + shape.mutation(verb), Operation.valueOf(verb.toUpperCase(Locale.ROOT)));
            fields.put("Subscription/fields/" + shape.subscription(verb), Operation.LISTEN);
        }
        return fields;
    }

    /** The model's type and the custom types its fields hold, directly or through other custom types. */
    private static Set<String> typesOf(Schema schema, ModelShape shape) {
        Set<String> types = new TreeSet<>(reachableCustomTypes(schema, shape.fields().stream()
                .map(field -> field.field().type())
                .filter(FieldType.CustomTypeRef.class::isInstance)
                .map(type -> ((FieldType.CustomTypeRef) type).name()).toList()));
        types.add(shape.name());
        return types;
    }

    private static Set<String> reachableCustomTypes(Schema schema, List<String> start) {
        Set<String> seen = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>(start);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            schema.customTypes().stream().filter(type -> type.name().equals(name)).findFirst()
                    .ifPresent(type -> type.fields().values().stream().map(Field::type)
                            .filter(FieldType.CustomTypeRef.class::isInstance)
                            .forEach(ref -> pending.push(((FieldType.CustomTypeRef) ref).name())));
        }
        return seen;
    }
}
