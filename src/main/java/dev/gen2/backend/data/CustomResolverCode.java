package dev.gen2.backend.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.NodePackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The custom resolvers' APPSYNC_JS files, read from the project at synth and checked, before anything deploys, with
 * AppSync's own rules for its JavaScript runtime: the recommended rules of {@code @aws-appsync/eslint-plugin}, run
 * by {@code appsync-lint/lint.mjs} with the pinned versions of its lock file (installed by npm once per machine).
 * A file that is missing or breaks a rule is one line naming the file and the line.
 */
final class CustomResolverCode {
    private static final String LINTER = "appsync-lint";
    private static final List<String> LINTER_FILES = List.of("package.json", "package-lock.json", "lint.mjs");
    private static final long LINT_TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files already found clean, by the hash of their contents: a synth server's second synth need not lint them. */
    private static final Map<String, Boolean> CLEAN = new ConcurrentHashMap<>();

    private CustomResolverCode() {
    }

    /** Checks every custom handler's file of the schema; each file's absolute path is what its function deploys. */
    static void check(Schema schema) {
        Map<Path, String> files = new LinkedHashMap<>();
        for (CustomOperation operation : schema.operations()) {
            for (CustomHandler step : operation.customHandlers()) {
                String where = "data.schema." + operation.kind().typeName() + "." + operation.name() + ".handler";
                Path file = step.entry().toAbsolutePath().normalize();
                if (!Files.isRegularFile(file)) {
                    throw new BackendConfigException(where, "Cannot find the custom resolver file " + step.entry()
                            + " (looked in " + file.getParent() + ").", "give the path, from the project"
                            + " directory, of a .js file exporting request(ctx) and response(ctx).");
                }
                files.put(file, where);
            }
        }
        List<Path> unchecked = files.keySet().stream().filter(file -> !CLEAN.containsKey(hash(file))).toList();
        if (unchecked.isEmpty()) {
            return;
        }
        JsonNode problems = lint(unchecked);
        if (problems.isEmpty()) {
            unchecked.forEach(file -> CLEAN.put(hash(file), true));
            return;
        }
        JsonNode first = problems.get(0);
        Path file = Path.of(first.get("file").asText());
        String more = problems.size() > 1 ? " (" + (problems.size() - 1) + " more problem"
                + (problems.size() > 2 ? "s" : "") + " after it)" : "";
        throw new BackendConfigException(files.get(file), Path.of("").toAbsolutePath().relativize(file) + ":"
                + first.get("line").asInt() + ":" + first.get("column").asInt() + " " + first.get("message").asText()
                + " (" + first.get("rule").asText() + ")" + more + ".", "change the code to what AppSync's JavaScript"
                + " runtime (APPSYNC_JS) runs; the rule's name says what it refuses.");
    }

    private static JsonNode lint(List<Path> files) {
        try {
            Path linter = NodePackage.installed(CustomResolverCode.class, LINTER, LINTER_FILES);
            List<String> command = new ArrayList<>(List.of("node", linter.resolve("lint.mjs").toString()));
            files.forEach(file -> command.add(file.toString()));
            Path output = Files.createTempFile("gen2-appsync-lint", ".json");
            try {
                Process node = new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (!node.waitFor(LINT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                    throw new IOException("the check took more than " + LINT_TIMEOUT_SECONDS + " s");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (node.exitValue() != 0 || text.isBlank()) {
                    throw new IOException("the checker exited with " + node.exitValue());
                }
                return JSON.readTree(text);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new BackendConfigException("data.schema", "Could not check the custom resolvers' code with"
                    + " AppSync's rules: " + e.getMessage().lines().findFirst().orElse("") + ".", "install Node.js"
                    + " 18 or later with npm on the PATH, with access to the npm registry (or a mirror in ~/.npmrc)"
                    + " the first time.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the custom resolvers' code", e);
        }
    }

    private static String hash(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new BackendConfigException("data.schema", "Cannot read the custom resolver file " + file + ": "
                    + e.getMessage() + ".", "make the file readable.");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
