package dev.gen2.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** SDLs described type by type and field by field by graphql-js ({@code src/test/parity/describe-sdl.cjs}). */
final class SdlDescriptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SdlDescriptions() {
    }

    /** The descriptions of the given SDL files, in order. */
    static List<JsonNode> of(Path project, Path work, Path... sdlFiles) throws IOException, InterruptedException {
        Path output = work.resolve("sdl-descriptions.json");
        ProcessBuilder builder = new ProcessBuilder("node", "src/test/parity/describe-sdl.cjs");
        for (Path file : sdlFiles) {
            builder.command().add(file.toString());
        }
        builder.environment().put("NODE_PATH", project.resolve("target/node-data/node_modules").toString());
        AmplifySide.run(project, output, builder, 2);
        List<JsonNode> descriptions = new java.util.ArrayList<>();
        JSON.readTree(output.toFile()).forEach(descriptions::add);
        return descriptions;
    }
}
