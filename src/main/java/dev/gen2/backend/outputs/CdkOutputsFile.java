package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the file {@code cdk deploy --outputs-file F} writes, {@code {"<stack>": {"<output>": "<value>"}}}, and
 * picks the backend's root stack in it: the one named, or the only backend stack it holds.
 */
public final class CdkOutputsFile {
    private static final Pattern BACKEND_STACK = Pattern.compile(
            "^amplify-[A-Za-z0-9]+-[A-Za-z0-9]+-(sandbox|branch|standalone)-[0-9a-f]{10}$");

    private CdkOutputsFile() {
    }

    public static BackendOutput read(Path file, Optional<String> stackName) {
        String where = "--cdk-outputs-file " + file;
        Map<String, Map<String, String>> stacks = parse(file, where);
        String chosen = stackName.orElseGet(() -> onlyBackendStack(stacks, where));
        Map<String, String> outputs = stacks.get(chosen);
        if (outputs == null) {
            throw new BackendConfigException(where, "The file has no outputs of the stack " + chosen + "; it has "
                    + String.join(", ", stacks.keySet()) + ".", "name one of those stacks with --stack.");
        }
        return BackendOutput.fromOutputNames(outputs).requireBackend(where + " (stack " + chosen + ")");
    }

    private static Map<String, Map<String, String>> parse(Path file, String where) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendConfigException(where, "Cannot read the file: " + e.getClass().getSimpleName() + " "
                    + e.getMessage() + ".", "give the file `cdk deploy --outputs-file` wrote.");
        }
        Object parsed;
        try {
            parsed = JsonText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BackendConfigException(where, "The file is not JSON.", "give the file `cdk deploy"
                    + " --outputs-file` wrote.");
        }
        if (!(parsed instanceof Map<?, ?> stacks) || stacks.values().stream().anyMatch(v -> !(v instanceof Map))) {
            throw new BackendConfigException(where, "The file is not of the shape {\"<stack>\": {\"<output>\":"
                    + " \"<value>\"}} that `cdk deploy --outputs-file` writes.", "give the file cdk wrote, unchanged.");
        }
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        stacks.forEach((stack, outputs) -> {
            Map<String, String> values = new LinkedHashMap<>();
            ((Map<?, ?>) outputs).forEach((key, value) -> values.put(key.toString(), String.valueOf(value)));
            result.put(stack.toString(), values);
        });
        return result;
    }

    private static String onlyBackendStack(Map<String, Map<String, String>> stacks, String where) {
        List<String> backends = stacks.keySet().stream().filter(name -> BACKEND_STACK.matcher(name).matches())
                .toList();
        if (backends.size() == 1) {
            return backends.get(0);
        }
        throw new BackendConfigException(where, backends.isEmpty()
                ? "The file holds no backend stack (amplify-<namespace>-<name>-<type>-<hash>); it has "
                        + (stacks.isEmpty() ? "no stacks" : String.join(", ", stacks.keySet())) + "."
                : "The file holds several backend stacks: " + String.join(", ", backends) + ".",
                "name the stack with --stack.");
    }
}
