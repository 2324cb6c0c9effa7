package dev.gen2.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Amplify Gen 2's side of a case: its TypeScript library, installed into {@code target/amplify-parity} by the
 * benchmark's setup script (the same packages, cached by their package.json), synthesizes the case without a deploy
 * ({@code src/test/parity/synth-case.ts}).
 */
final class AmplifySide {
    static final String CONTEXT = "{\"amplify-backend-namespace\":\"parity\",\"amplify-backend-name\":\"case\","
            + "\"amplify-backend-type\":\"sandbox\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path install;
    private final Path work;

    private AmplifySide(Path install, Path work) {
        this.install = install;
        this.work = work;
    }

    /** Installs Amplify's library (once per package.json) and copies the cases in. */
    static AmplifySide install(Path project, Path work) throws IOException, InterruptedException {
        Path install = project.resolve("target/amplify-parity");
        Path log = work.resolve("amplify-setup.log");
        run(project, log, List.of("bash", "src/test/benchmark/amplify-setup.sh", install.toString(),
                "src/test/parity"), 15);
        return new AmplifySide(install, work);
    }

    /** The case synthesized by Amplify: its SDL, model introspection and amplify_outputs data section. */
    Result synthesize(String caseName) throws IOException, InterruptedException {
        Path result = work.resolve("amplify-" + caseName + ".json");
        Path outdir = work.resolve("amplify-" + caseName + ".out");
        ProcessBuilder builder = new ProcessBuilder(install.resolve("node_modules/.bin/tsx").toString(),
                "synth-case.ts", "cases/" + caseName, result.toString());
        builder.environment().put("CDK_OUTDIR", outdir.toString());
        builder.environment().put("CDK_CONTEXT_JSON", CONTEXT);
        builder.environment().put("JSII_DEPRECATED", "quiet");
        run(install, work.resolve("amplify-" + caseName + ".log"), builder, 5);
        JsonNode json = JSON.readTree(result.toFile());
        Path sdl = work.resolve("amplify-" + caseName + ".graphql");
        Files.writeString(sdl, json.get("sdl").asText());
        return new Result(sdl, json.get("modelIntrospection"), json.get("outputsData"), json.get("logging"));
    }

    /** What Amplify synthesized: the SDL's file, the introspection document, the outputs' data section, logging. */
    record Result(Path sdl, JsonNode modelIntrospection, JsonNode outputsData, JsonNode logging) {
    }

    private static void run(Path directory, Path log, List<String> command, int minutes)
            throws IOException, InterruptedException {
        run(directory, log, new ProcessBuilder(command), minutes);
    }

    static void run(Path directory, Path log, ProcessBuilder builder, int minutes)
            throws IOException, InterruptedException {
        Process process = builder.directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("`" + String.join(" ", builder.command()) + "` took more than "
                    + minutes + " minutes; its output: " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException("`" + String.join(" ", builder.command()) + "` in " + directory
                    + " failed:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
    }
}
