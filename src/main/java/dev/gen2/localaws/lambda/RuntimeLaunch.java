package dev.gen2.localaws.lambda;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a function's runtime process as Lambda does: in its unpacked code's directory, with Lambda's environment,
 * the memory setting as the heap limit, and the runtime interface client for its language (Java: Lambda's
 * {@code aws-lambda-java-runtime-interface-client} from this JVM's classpath, in a JVM of its own; Node.js: npm's
 * {@code aws-lambda-ric}).
 */
final class RuntimeLaunch {
    /** The Java runtime interface client and the libraries it needs, by one class of each. */
    private static final List<String> JAVA_RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");
    private static final String JAVA_MAIN = JAVA_RUNTIME_CLASSES.get(0);

    private final TaskRoots taskRoots;
    private final LocalLambda.Settings settings;

    RuntimeLaunch(TaskRoots taskRoots, LocalLambda.Settings settings) {
        this.taskRoots = taskRoots;
        this.settings = settings;
    }

    Process start(FunctionDefinition function, String runtimeApi) throws IOException, InterruptedException {
        Path taskRoot = taskRoots.of(function);
        ProcessBuilder builder = new ProcessBuilder(function.isJava() ? javaCommand(function) : nodeCommand(function))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.clear(); // a function sees Lambda's environment, not the sandbox's
        environment.put("PATH", path);
        environment.put("LANG", "en_US.UTF-8");
        environment.putAll(FunctionEnvironment.of(function, taskRoot, runtimeApi, settings.awsEndpoint(),
                settings.region(), settings.credentials().apply(function)));
        if (!function.isJava()) {
            settings.nodeRuntime().sdkModules().ifPresent(sdk -> environment.put("NODE_PATH", sdk.toString()));
        }
        return builder.start();
    }

    private static List<String> javaCommand(FunctionDefinition function) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Lambda's own JVM flags: the heap is 85% of the memory setting, a quick start over peak speed
        command.add("-Xmx" + function.memoryMegabytes() * 85 / 100 + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(javaRuntimeClasspath());
        command.add(JAVA_MAIN);
        command.add(function.handler());
        return command;
    }

    private List<String> nodeCommand(FunctionDefinition function) throws IOException, InterruptedException {
        Path ric = settings.nodeRuntime().directory().resolve("node_modules/aws-lambda-ric/index.mjs");
        // Lambda leaves about a tenth of the memory outside the JavaScript heap
        return List.of("node", "--max-old-space-size=" + Math.max(16, function.memoryMegabytes() * 9 / 10),
                ric.toString(), function.handler());
    }

    /** The jars of the runtime interface client, found where this JVM loaded them from (never the function's). */
    static String javaRuntimeClasspath() {
        List<String> entries = new ArrayList<>();
        for (String name : JAVA_RUNTIME_CLASSES) {
            try {
                Class<?> type = Class.forName(name, false, RuntimeLaunch.class.getClassLoader());
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("The local Lambda runtime needs " + name + " (from "
                        + "com.amazonaws:aws-lambda-java-runtime-interface-client) on the classpath: " + e);
            }
        }
        return String.join(File.pathSeparator, entries.stream().distinct().toList());
    }
}
