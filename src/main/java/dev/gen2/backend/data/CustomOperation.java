package dev.gen2.backend.data;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A custom query or mutation handled by a function, Amplify's
 * {@code a.query().arguments({...}).returns(...).handler(a.handler.function(fn)).authorization(...)}. The function
 * receives AppSync's resolver event ({@code typeName}, {@code fieldName}, {@code arguments}, {@code identity},
 * {@code source}, {@code request}, {@code info}) and returns the field's value.
 *
 * <pre>{@code
 * CustomOperation.query("echo").argument("message", Field.string().required()).returns(Field.string())
 *         .handler(ECHO).authorization(AuthRule.authenticated())
 * }</pre>
 *
 * @param kind a query or a mutation
 * @param name the field's name on {@code Query} or {@code Mutation}
 * @param arguments the arguments, by name, in order
 * @param returns what it returns: a scalar, enum or custom type, or a list of them
 * @param handler the function that resolves it
 * @param rules who may call it: API key, guest, authenticated, group and custom rules
 */
public record CustomOperation(Kind kind, String name, Map<String, Field> arguments, Field returns,
        Optional<ResourceFactory<? extends FunctionProvider>> handler, List<AuthRule> rules) {

    /** Where the operation sits in the schema. */
    public enum Kind {
        QUERY("Query"), MUTATION("Mutation");

        private final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }

        /** The GraphQL root type: {@code Query} or {@code Mutation}. */
        public String typeName() {
            return typeName;
        }
    }

    public CustomOperation {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        rules = List.copyOf(rules);
    }

    public static CustomOperation query(String name) {
        return new CustomOperation(Kind.QUERY, requiredName(name), Map.of(), Field.string(), Optional.empty(),
                List.of());
    }

    public static CustomOperation mutation(String name) {
        return new CustomOperation(Kind.MUTATION, requiredName(name), Map.of(), Field.string(), Optional.empty(),
                List.of());
    }

    public CustomOperation argument(String argumentName, Field type) {
        Map<String, Field> more = new LinkedHashMap<>(arguments);
        more.put(argumentName, type);
        return new CustomOperation(kind, name, more, returns, handler, rules);
    }

    public CustomOperation returns(Field type) {
        return new CustomOperation(kind, name, arguments, type, handler, rules);
    }

    public CustomOperation handler(ResourceFactory<? extends FunctionProvider> function) {
        return new CustomOperation(kind, name, arguments, returns, Optional.of(Required.argument(function,
                "data.schema." + name + ".handler", "The handler", "pass the function's factory.")), rules);
    }

    public CustomOperation authorization(AuthRule... operationRules) {
        return new CustomOperation(kind, name, arguments, returns, handler, Required.each("data.schema." + name
                + ".authorization", "A rule", "give rules such as AuthRule.authenticated().", operationRules));
    }

    private static String requiredName(String name) {
        return Required.argument(name, "data.schema", "A custom operation's name",
                "give one: CustomOperation.query(\"echo\").");
    }
}
