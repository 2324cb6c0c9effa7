package dev.gen2.backend;

import java.util.Locale;
import software.amazon.awscdk.Stack;

/**
 * The stack description Amplify writes to attribute a stack: a JSON object naming the operating system the
 * backend was synthesized on, the kind of deployment, the library and the stack's role. It is written only
 * where a stack has no description yet.
 */
final class Attribution {
    static final String LIBRARY = "gen2-backend-java";
    static final String VERSION = "0.1.0";

    private Attribution() {
    }

    static void describe(Stack stack, DeploymentType type, String stackType) {
        String existing = stack.getTemplateOptions().getDescription();
        if (existing != null && !existing.isEmpty()) {
            return;
        }
        stack.getTemplateOptions().setDescription(String.format(
                "{\"createdOn\":\"%s\",\"createdBy\":\"%s\",\"createdWith\":\"%s\",\"stackType\":\"%s\",\"metadata\":{}}",
                operatingSystem(), createdBy(type), LIBRARY + "@" + VERSION, stackType));
    }

    private static String createdBy(DeploymentType type) {
        return switch (type) {
            case SANDBOX -> "AmplifySandbox";
            case BRANCH -> "AmplifyPipelineDeploy";
            case STANDALONE -> "AmplifyStandalone";
        };
    }

    private static String operatingSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return "Linux";
        }
        if (os.contains("mac")) {
            return "Mac";
        }
        if (os.contains("windows")) {
            return "Windows";
        }
        return "Other";
    }
}
