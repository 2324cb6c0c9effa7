package dev.gen2.deploy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.outputs.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the commands read from the project's {@code cdk.json}: the backend's namespace (context key
 * {@code amplify-backend-namespace}) and the backend class its {@code app} runs (the last word of the command, as in
 * {@code bash src/main/scripts/synth.sh amplify.BackendApp}).
 *
 * @param directory the project directory
 * @param namespace the backend's namespace, Amplify's project name
 * @param backendClass the class with {@code public static Backend define(App app)}
 * @param context the whole CDK context of {@code cdk.json}, passed on to every synth
 */
public record ProjectConfig(Path directory, String namespace, String backendClass, Map<String, Object> context) {
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");

    /** Reads {@code cdk.json} in the given directory. */
    public static ProjectConfig read(Path directory) {
        Path cdkJson = directory.resolve("cdk.json");
        Map<String, Object> config;
        try {
            config = JsonText.parseObject(Files.readString(cdkJson, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendConfigException("cdk.json", "Cannot read " + cdkJson.toAbsolutePath() + ": "
                    + e.getMessage(), "run the command in the backend project's directory (where cdk.json is).");
        }
        Object context = config.get("context");
        Object namespace = context instanceof Map<?, ?> values ? values.get(BackendId.NAMESPACE_KEY) : null;
        if (namespace == null || namespace.toString().isBlank()) {
            throw new BackendConfigException("cdk.json", "No context value " + BackendId.NAMESPACE_KEY + ".",
                    "add \"context\": {\"" + BackendId.NAMESPACE_KEY + "\": \"<your project name>\"} to cdk.json.");
        }
        List<String> words = List.of(String.valueOf(config.getOrDefault("app", "")).trim().split("\\s+"));
        String backendClass = words.get(words.size() - 1);
        if (!CLASS_NAME.matcher(backendClass).matches()) {
            throw new BackendConfigException("cdk.json", "The app command '" + config.get("app") + "' does not end"
                    + " with the backend's class name.", "set \"app\" to \"bash src/main/scripts/synth.sh"
                    + " <your.package.BackendApp>\".");
        }
        Map<String, Object> allContext = new LinkedHashMap<>();
        ((Map<?, ?>) context).forEach((key, value) -> allContext.put(key.toString(), value));
        return new ProjectConfig(directory.toAbsolutePath(), namespace.toString(), backendClass,
                Map.copyOf(allContext));
    }
}
