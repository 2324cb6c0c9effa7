package dev.gen2.backend.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The official amplify_outputs JSON schemas in ../shared/reference/outputs-schema, where that folder is present. */
final class OutputsSchemas {
    static final Path DIRECTORY = Path.of("..", "shared", "reference", "outputs-schema");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OutputsSchemas() {
    }

    /** Skips the calling test, saying why, when the schemas are absent. */
    static void assumePresent() {
        Assumptions.assumeTrue(Files.isDirectory(DIRECTORY),
                "skipped: the official schemas are not at " + DIRECTORY.toAbsolutePath().normalize());
    }

    /**
     * Asserts that a configuration validates against its version's schema. The 1 schema declares its version as
     * the constant "1.1" (an error in Amplify's schema file), so a version 1 file is checked with that value.
     */
    static void assertValid(Map<String, Object> config, ClientConfigVersion version) {
        assertThat(errors(config, version)).as("%s against the %s schema", JsonText.stringify(config, 2), version)
                .isEmpty();
    }

    /** What the schema of the version finds wrong with a configuration. */
    static List<Error> errors(Map<String, Object> config, ClientConfigVersion version) {
        assumePresent();
        Map<String, Object> checked = new LinkedHashMap<>(config);
        if (version == ClientConfigVersion.V1) {
            checked.put("version", "1.1");
        }
        String file = version == ClientConfigVersion.V1 ? "schema_v1.json" : "schema_v" + version.value() + ".json";
        Schema schema = REGISTRY.getSchema(read(DIRECTORY.resolve(file)), InputFormat.JSON);
        return schema.validate(JsonText.stringify(checked, 2), InputFormat.JSON);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
