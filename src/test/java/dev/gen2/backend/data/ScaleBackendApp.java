package dev.gen2.backend.data;

import dev.gen2.backend.Backend;
import dev.gen2.backend.auth.AuthResource;
import software.amazon.awscdk.App;

/**
 * The benchmark's scale backend as a CDK app: email sign-in with the group ADMINS, and {@code BENCH_MODELS} models
 * in parent-child pairs ({@link LargeSchemas#pairs}), the schema Amplify's side of the benchmark generates too.
 */
public final class ScaleBackendApp {

    private ScaleBackendApp() {
    }

    public static Backend define(App app) {
        int models = Integer.parseInt(System.getenv().getOrDefault("BENCH_MODELS", "10"));
        return Backend.define(app, AuthResource.define(auth -> auth.loginWithEmail().groups("ADMINS")),
                DataResource.define(data -> data.schema(LargeSchemas.pairs(models))));
    }

    public static void main(String[] args) {
        Backend.synthOrExit(ScaleBackendApp::define);
    }
}
