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
 * A custom query or mutation, Amplify's
 * {@code a.query().arguments({...}).returns(...).handler(...).authorization(...)}, handled by a function
 * ({@code a.handler.function(fn)}), which receives AppSync's resolver event ({@code typeName}, {@code fieldName},
 * {@code arguments}, {@code identity}, {@code source}, {@code request}, {@code info}) and returns the field's value,
 * or by a custom resolver: APPSYNC_JS files of the project ({@code a.handler.custom}), one or a pipeline.
 *
 * <pre>{@code
 * CustomOperation.query("echo").argument("message", Field.string().required()).returns(Field.string())
 *         .handler(ECHO).authorization(AuthRule.authenticated())
 * CustomOperation.query("postById").argument("id", Field.id().required()).returns(Field.modelRef("Post"))
 *         .handler(CustomHandler.entry("src/main/resolvers/post-by-id.js").dataSource(CustomDataSource.model("Post")))
 *         .authorization(AuthRule.authenticated())
 * }</pre>
 *
 * @param kind a query or a mutation
 * @param name the field's name on {@code Query} or {@code Mutation}
 * @param arguments the arguments, by name, in order
 * @param returns what it returns: a scalar, enum, custom type or model, or a list of them
 * @param handler the function that resolves it, or empty when custom handlers do
 * @param customHandlers the custom resolver's functions, in pipeline order, or empty when a function resolves it
 * @param rules who may call it: API key, guest, authenticated, group and custom rules
 */
public record CustomOperation(Kind kind, String name, Map<String, Field> arguments, Field returns,
        Optional<ResourceFactory<? extends FunctionProvider>> handler, List<CustomHandler> customHandlers,
        List<AuthRule> rules) {

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
        customHandlers = List.copyOf(customHandlers);
        rules = List.copyOf(rules);
    }

    public static CustomOperation query(String name) {
        return new CustomOperation(Kind.QUERY, requiredName(name), Map.of(), Field.string(), Optional.empty(),
                List.of(), List.of());
    }

    public static CustomOperation mutation(String name) {
        return new CustomOperation(Kind.MUTATION, requiredName(name), Map.of(), Field.string(), Optional.empty(),
                List.of(), List.of());
    }

    public CustomOperation argument(String argumentName, Field type) {
        Map<String, Field> more = new LinkedHashMap<>(arguments);
        more.put(argumentName, type);
        return new CustomOperation(kind, name, more, returns, handler, customHandlers, rules);
    }

    public CustomOperation returns(Field type) {
        return new CustomOperation(kind, name, arguments, type, handler, customHandlers, rules);
    }

    public CustomOperation handler(ResourceFactory<? extends FunctionProvider> function) {
        return new CustomOperation(kind, name, arguments, returns, Optional.of(Required.argument(function,
                "data.schema." + name + ".handler", "The handler", "pass the function's factory.")), customHandlers,
                rules);
    }

    /**
     * Resolves the operation with APPSYNC_JS files of the project (Amplify's {@code a.handler.custom}): one, or a
     * pipeline of several run in order.
     */
    public CustomOperation handler(CustomHandler... steps) {
        return new CustomOperation(kind, name, arguments, returns, handler, Required.each("data.schema." + name
                + ".handler", "A custom handler", "give CustomHandler.entry(\"path/to/file.js\").", steps), rules);
    }

    public CustomOperation authorization(AuthRule... operationRules) {
        return new CustomOperation(kind, name, arguments, returns, handler, customHandlers, Required.each(
                "data.schema." + name + ".authorization", "A rule", "give rules such as AuthRule.authenticated().",
                operationRules));
    }

    private static String requiredName(String name) {
        return Required.argument(name, "data.schema", "A custom operation's name",
                "give one: CustomOperation.query(\"echo\").");
    }
}
