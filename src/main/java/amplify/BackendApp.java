package amplify;

import amplify.auth.AuthConfig;
import amplify.data.DataConfig;
import amplify.functions.FunctionConfig;
import amplify.storage.StorageConfig;
import dev.gen2.backend.Backend;
import dev.gen2.backend.BackendConfigException;
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

    public static void main(String[] args) {
        try {
            App app = new App();
            define(app);
            app.synth();
        } catch (BackendConfigException | ExceptionInInitializerError e) {
            // A bad definition in a resource file's static field arrives wrapped in ExceptionInInitializerError.
            Throwable cause = e instanceof ExceptionInInitializerError ? e.getCause() : e;
            if (!(cause instanceof BackendConfigException)) {
                throw e;
            }
            System.err.println("Backend definition error: " + cause.getMessage());
            System.exit(1);
        }
    }
}
