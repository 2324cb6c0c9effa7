package amplify;

import amplify.auth.AuthConfig;
import amplify.data.DataConfig;
import amplify.functions.FunctionConfig;
import amplify.storage.StorageConfig;
import dev.gen2.backend.Backend;
import software.amazon.awscdk.App;

/**
 * The sample backend, what {@code cdk.json} runs: Amplify's {@code amplify/backend.ts}. Its identity comes from
 * the CDK context keys in {@code cdk.json} (namespace {@code gen2sample}, name {@code dev}, type
 * {@code sandbox}), which {@code -c key=value} overrides.
 */
public final class BackendApp {

    private BackendApp() {
    }

    /** The sample backend in the given app; the snapshot tests synthesize it too. */
    public static Backend define(App app) {
        return Backend.define(app, AuthConfig.AUTH, DataConfig.DATA, StorageConfig.MEDIA, FunctionConfig.POST_CONFIRMATION,
                FunctionConfig.REPORT);
    }

    /** Synthesizes the sample; a bad definition prints one line and exits with status 1. */
    public static void main(String[] args) {
        Backend.synthOrExit(BackendApp::define);
    }
}
