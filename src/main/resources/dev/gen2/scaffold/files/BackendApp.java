package {{package}};

{{imports}}import dev.gen2.backend.Backend;
import software.amazon.awscdk.App;

/** The {{namespace}} backend: Amplify's {@code amplify/backend.ts}. {@code cdk.json} runs it. */
public final class BackendApp {

    private BackendApp() {
    }

    /** The backend in the given app; the gen2 commands and the tests call this. */
    public static Backend define(App app) {
        return Backend.define(app{{factories}});
    }

    /** Synthesizes the backend; a bad definition prints one line and exits with status 1. */
    public static void main(String[] args) {
        Backend.synthOrExit(BackendApp::define);
    }
}
