package amplify.functions;

import amplify.functions.report.ReportHandler;
import dev.gen2.backend.function.FunctionResource;

/** The sample backend's functions. */
public final class FunctionConfig {
    /** Runs after each sign-up is confirmed; Node.js, in the auth stack, as Amplify places auth triggers. */
    public static final FunctionResource.Factory POST_CONFIRMATION = FunctionResource.define(fn -> fn
            .name("postConfirmation")
            .entry("src/main/functions/post-confirmation")
            .resourceGroupName("auth"));

    /** Counts the reports in the media bucket every hour; a Java handler of this project. */
    public static final FunctionResource.Factory REPORT = FunctionResource.define(fn -> fn
            .name("report")
            .javaHandler(ReportHandler.class)
            .timeoutSeconds(60)
            .memoryMB(1024)
            .schedule("every 1h"));

    private FunctionConfig() {
    }
}
