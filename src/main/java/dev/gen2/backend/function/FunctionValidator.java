package dev.gen2.backend.function;

import dev.gen2.backend.LogRetention;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.ResourceNames;
import dev.gen2.backend.SsmEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every check Amplify makes of {@code defineFunction}, with its messages, before anything is synthesized. */
final class FunctionValidator {
    static final Set<String> RESERVED_VARIABLES = Set.of(SsmEnvironment.CONFIG_VARIABLE,
            FunctionCode.HANDLER_VARIABLE);
    private static final Pattern ENVIRONMENT_KEY = Pattern.compile("^[a-zA-Z]([a-zA-Z0-9_])+$");
    private static final Pattern LAYER_ARN = Pattern.compile(
            "^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+$");
    private static final Pattern LAYER_NAME_VERSION = Pattern.compile("^[a-zA-Z0-9-_]+:[0-9]+$");
    private static final List<String> HANDLER_EXTENSIONS = List.of(".js", ".mjs", ".cjs");

    private FunctionValidator() {
    }

    /** Where a function's errors point: {@code function 'report'}, or {@code function} before it has a name. */
    static String where(String name) {
        return "function" + (name == null ? "" : " '" + name + "'");
    }

    static void validate(FunctionSettings settings) {
        String where = where(settings.name());
        if (settings.name() == null) {
            throw new BackendConfigException("function.name", "A function needs a name.",
                    "call name(\"my-function\").");
        }
        ResourceNames.validate(where + ".name", settings.name());
        if (settings.isJava()) {
            if (settings.entry() != null || settings.handler().isPresent()) {
                throw new BackendConfigException(where + ".entry", "A Java function takes its code from the project's"
                        + " build, not from an entry or a Node.js handler.", "drop entry(..) and handler(..).");
            }
        } else {
            validateEntry(where, settings);
        }
        validateRuntime(where, settings);
        validateSnapStart(where, settings);
        requireRange(where + ".timeoutSeconds", "Invalid function timeout of " + settings.timeoutSeconds(),
                settings.timeoutSeconds(), 1, 900);
        requireRange(where + ".memoryMB", "Invalid function memoryMB of " + settings.memoryMB(),
                settings.memoryMB(), 128, 10240);
        requireRange(where + ".ephemeralStorageSizeMB", "Invalid function ephemeralStorageSizeMB of "
                + settings.ephemeralStorageSizeMB(), settings.ephemeralStorageSizeMB(), 512, 10240);
        validateEnvironment(where, settings);
        validateLayers(where, settings);
        List<String> scheduleProblems = settings.schedules().stream()
                .flatMap(schedule -> ScheduleParser.problems(schedule, settings.timeoutSeconds()).stream())
                .toList();
        if (!scheduleProblems.isEmpty()) {
            throw new BackendConfigException(where + ".schedule", String.join("; ", scheduleProblems) + ".",
                    "use a rate such as \"every " + Math.max(5, (settings.timeoutSeconds() + 59) / 60) + "m\" (no"
                            + " shorter than the timeout) or \"every day\", or a cron expression \"m h dom mon dow"
                            + " [year]\" with ? in day-of-month or day-of-week.");
        }
        settings.logRetentionDays().ifPresent(days -> {
            if (LogRetention.of(days).isEmpty()) {
                throw new BackendConfigException(where + ".logRetentionDays", "CloudWatch cannot keep logs for "
                        + days + " days.", "choose one of " + LogRetention.BY_DAYS.keySet().stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")) + ".");
            }
        });
        if (settings.applicationLogLevel().isPresent()
                && settings.logFormat().filter(FunctionSettings.LogFormat.JSON::equals).isEmpty()) {
            throw new BackendConfigException(where + ".applicationLogLevel", "A log level applies to JSON logs only.",
                    "add logFormat(LogFormat.JSON), or drop the level.");
        }
        if (settings.resourceGroupName() == null || settings.resourceGroupName().isBlank()) {
            throw new BackendConfigException(where + ".resourceGroupName", "The resource group is empty.",
                    "leave it at \"function\", or name a group such as \"auth\".");
        }
    }

    private static void validateRuntime(String where, FunctionSettings settings) {
        FunctionRuntime runtime = settings.effectiveRuntime();
        String choices = settings.isJava() ? "FunctionRuntime.JAVA_21 or JAVA_25" : "FunctionRuntime.NODE_22 or NODE_24";
        if (runtime.isJava() != settings.isJava()) {
            throw new BackendConfigException(where + ".runtime", "Invalid function runtime of " + runtime + " for a "
                    + (settings.isJava() ? "Java" : "Node.js") + " handler.", "choose " + choices + ".");
        }
        if (!runtime.creatable()) {
            throw new BackendConfigException(where + ".runtime", "Invalid function runtime of " + runtime
                    + ": Lambda no longer creates functions on it.", "choose " + choices + ".");
        }
    }

    /** SnapStart's limits on Lambda: Java here (Node.js functions have none), and no ephemeral storage past 512 MB. */
    private static void validateSnapStart(String where, FunctionSettings settings) {
        if (!settings.snapStart()) {
            return;
        }
        if (!settings.isJava()) {
            throw new BackendConfigException(where + ".snapStart", "SnapStart is for Java functions: Lambda does not"
                    + " offer it on Node.js.", "drop snapStart(), or make the function a Java one with"
                            + " javaHandler(MyHandler.class).");
        }
        if (settings.ephemeralStorageSizeMB() > 512) {
            throw new BackendConfigException(where + ".snapStart", "Lambda does not offer SnapStart with more than"
                    + " 512 MB of ephemeral storage (" + settings.ephemeralStorageSizeMB() + " MB given).",
                    "drop ephemeralStorageSizeMB(..) to keep 512 MB, or drop snapStart().");
        }
    }

    private static void validateEntry(String where, FunctionSettings settings) {
        Path entry = settings.entry();
        if (entry == null) {
            throw new BackendConfigException(where + ".entry", "The function has no code: neither entry(..) nor"
                    + " javaHandler(..) is set.", "call entry(\"src/main/functions/" + settings.name() + "\") with the"
                            + " Node.js handler's directory or .js file, or javaHandler(MyHandler.class) for Java.");
        }
        if (!Files.exists(entry)) {
            throw new BackendConfigException(where + ".entry", "Cannot find file at " + entry + ".",
                    "give the path, from the project directory, of the handler's directory or file.");
        }
        String handler = settings.effectiveHandler();
        String module = handler.substring(0, handler.lastIndexOf('.'));
        String export = handler.substring(handler.lastIndexOf('.') + 1);
        Path directory = Files.isDirectory(entry) ? entry : entry.getParent() == null ? Path.of(".") : entry.getParent();
        Path file = HANDLER_EXTENSIONS.stream().map(ext -> directory.resolve(module + ext)).filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new BackendConfigException(where + ".handler", "The handler module " + module
                        + " (.js, .mjs or .cjs) is not in " + entry + ".",
                        "point entry at the handler's file or directory, or set handler(\"file.export\")."));
        if (!NodeExports.exports(read(file), export)) {
            throw new BackendConfigException(where + ".handler", "The handler module " + file + " does not export "
                    + export + ".", "export it (exports." + export + " = async (event) => {..}, or export const "
                            + export + " = ...), or set handler(\"" + module + ".<the exported name>\").");
        }
    }

    private static String read(Path file) {
        try {
            // Only ASCII matters to the check; Latin-1 reads any byte, so no encoding can make the read fail.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the function handler " + file, e);
        }
    }

    private static void requireRange(String where, String problem, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BackendConfigException(where, problem + ".", "choose a whole number from " + min + " to " + max
                    + ".");
        }
    }

    private static void validateEnvironment(String where, FunctionSettings settings) {
        List<String> keys = new ArrayList<>(settings.environment().keySet());
        keys.addAll(settings.secrets().keySet());
        settings.secrets().keySet().stream().filter(settings.environment()::containsKey).findFirst().ifPresent(key -> {
            throw new BackendConfigException(where + ".environment", "The variable " + key + " is given both a value"
                    + " and a secret.", "keep one of the two.");
        });
        keys.stream().filter(RESERVED_VARIABLES::contains).findFirst().ifPresent(key -> {
            throw new BackendConfigException(where + ".environment", key + " is a reserved environment variable"
                    + " name.", "give the variable another name.");
        });
        List<String> invalid = keys.stream().filter(key -> !ENVIRONMENT_KEY.matcher(key).matches()).toList();
        if (!invalid.isEmpty()) {
            throw new BackendConfigException(where + ".environment", "Invalid function environment key(s): "
                    + String.join(", ", invalid) + ".", "start each key with a letter and use at least two letters,"
                            + " digits or underscores.");
        }
        settings.environment().forEach((key, value) -> {
            if (value == null) {
                throw new BackendConfigException(where + ".environment", "The value of environment variable " + key
                        + " is undefined.", "give it a value, or leave the variable out.");
            }
        });
    }

    private static void validateLayers(String where, FunctionSettings settings) {
        Set<String> unique = new HashSet<>();
        for (String layer : settings.layers().values()) {
            if (layer == null || !LAYER_ARN.matcher(layer).matches() && !LAYER_NAME_VERSION.matcher(layer).matches()) {
                throw new BackendConfigException(where + ".layers", "Invalid format for layer: " + layer + ".",
                        "give a layer version ARN, arn:aws:lambda:<region>:<account>:layer:<name>:<version>, or"
                                + " <name>:<version>.");
            }
            unique.add(layer);
        }
        if (unique.size() > 5) {
            throw new BackendConfigException(where + ".layers", "A maximum of 5 unique layers can be attached to a"
                    + " function.", "attach at most 5 layers.");
        }
    }
}
