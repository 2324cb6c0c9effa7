package amplify.functions;

import dev.gen2.backend.function.FunctionResource;

/** The sample backend's functions. */
public final class FunctionConfig {
    /** Runs after each sign-up is confirmed; in the auth stack, as Amplify places auth triggers. */
    public static final FunctionResource.Factory POST_CONFIRMATION = FunctionResource.define(fn -> fn
            .name("postConfirmation")
            .entry("src/main/functions/post-confirmation")
            .resourceGroupName("auth"));

    private FunctionConfig() {
    }
}
