package {{package}}.functions;

import dev.gen2.backend.function.FunctionResource;

/** A Node.js function: {@code defineFunction}. Its code is in src/main/functions/hello. */
public final class FunctionConfig {
    public static final FunctionResource.Factory HELLO = FunctionResource.define(fn -> fn
            .name("hello").entry("src/main/functions/hello"));

    private FunctionConfig() {
    }
}
