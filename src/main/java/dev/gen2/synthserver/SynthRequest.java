package dev.gen2.synthserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line the synth client sends: what the CDK CLI asked of its app run, plus the environment a server started now
 * would get, so the server can tell whether it is still the right one.
 *
 * @param stop whether the client asks the server to stop (then nothing else is set)
 * @param mainClass the class {@code cdk.json}'s app command names
 * @param args the app command's words after the class
 * @param cwd the directory the CLI runs the app in
 * @param outdir the CLI's {@code CDK_OUTDIR}, relative to {@code cwd} or absolute
 * @param contextJson the CLI's {@code CDK_CONTEXT_JSON}, or {@code null}
 * @param contextFile the file the CLI wrote a large context to ({@code CONTEXT_OVERFLOW_LOCATION_ENV}), or {@code null}
 * @param serverEnv the client's environment without the per-run variables: what this server must have been started with
 */
public record SynthRequest(boolean stop, String mainClass, List<String> args, Path cwd, String outdir,
        String contextJson, Path contextFile, Map<String, String> serverEnv) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SynthRequest {
        args = List.copyOf(args);
        serverEnv = new TreeMap<>(serverEnv);
    }

    /** Parses one request line. */
    public static SynthRequest parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("The synth request is not JSON: " + e.getMessage(), e);
        }
        if (node.path("stop").asBoolean(false)) {
            return new SynthRequest(true, "", List.of(), Path.of("."), "", null, null, Map.of());
        }
        List<String> args = new ArrayList<>();
        node.path("args").forEach(arg -> args.add(arg.asText()));
        Map<String, String> env = new TreeMap<>();
        node.path("serverEnv").fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        return new SynthRequest(false, required(node, "main"), args, Path.of(required(node, "cwd")),
                required(node, "outdir"), text(node, "contextJson"),
                text(node, "contextFile") == null ? null : Path.of(text(node, "contextFile")), env);
    }

    /**
     * The CDK context the CLI passed: its JSON, with the keys of the overflow file (the part of a large context that
     * did not fit in the environment) laid over it.
     */
    public Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>(contextJson == null ? Map.of() : parseObject(contextJson));
        if (contextFile != null) {
            try {
                context.putAll(parseObject(Files.readString(cwd.resolve(contextFile))));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the CDK context file " + contextFile, e);
            }
        }
        return context;
    }

    private static Map<String, Object> parseObject(String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = JSON.readValue(json, Map.class);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("The CDK context the CLI passed is not JSON", e);
        }
    }

    /** The assembly directory, absolute. */
    public Path outdirPath() {
        return cwd.resolve(outdir).toAbsolutePath().normalize();
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("The synth request has no " + field + ".");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
