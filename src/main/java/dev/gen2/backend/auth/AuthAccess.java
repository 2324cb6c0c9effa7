package dev.gen2.backend.auth;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.ResourceFactory;
import java.util.List;

/**
 * One access rule of auth: a function and what it may do with the user pool. Amplify's
 * {@code allow.resource(fn).to([...])}.
 */
public record AuthAccess(ResourceFactory<? extends FunctionProvider> function, List<AuthAction> actions) {

    public AuthAccess {
        actions = List.copyOf(actions);
    }
}
