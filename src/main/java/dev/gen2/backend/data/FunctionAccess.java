package dev.gen2.backend.data;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A function's access to the API, Amplify's schema-level {@code allow.resource(fn).to(['query', 'mutate'])}: an
 * IAM policy on the root types, read access to the model introspection document, and the API's endpoint in the
 * function's environment.
 *
 * @param function the function
 * @param actions what it may call; all three when none are given
 */
public record FunctionAccess(ResourceFactory<? extends FunctionProvider> function, Set<DataAccess> actions) {

    public FunctionAccess {
        actions = actions.isEmpty() ? EnumSet.allOf(DataAccess.class) : EnumSet.copyOf(actions);
    }

    public static FunctionAccess of(ResourceFactory<? extends FunctionProvider> function, DataAccess... actions) {
        return new FunctionAccess(Required.argument(function, "data.access", "The function",
                "pass the function's factory, such as FunctionConfig.REPORT."), Set.copyOf(Required.each("data.access",
                "An action", "give DataAccess values, such as DataAccess.QUERY.", actions)));
    }
}
