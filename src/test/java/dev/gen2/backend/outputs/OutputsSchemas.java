package dev.gen2.backend.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gen2.testing.ContinuousIntegration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The official amplify_outputs JSON schemas in ../shared/reference/outputs-schema: where that folder is absent, the
 * checks against them skip, saying so, except under CI, where they fail.
 */
final class OutputsSchemas {
    static final Path DIRECTORY = Path.of("..", "shared", "reference", "outputs-schema");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OutputsSchemas() {
    }

    /**
     * When the schemas are absent, skips the calling test, printing why; under CI (see
     * {@link ContinuousIntegration}) fails it instead, so that CI cannot pass without checking.
     */
    static void assumePresent() {
        assumePresent(DIRECTORY, ContinuousIntegration.detected());
    }

    static void assumePresent(Path directory, boolean ci) {
        if (Files.isDirectory(directory)) {
            return;
        }
        String reason = "The official amplify_outputs schemas are not at " + directory.toAbsolutePath().normalize();
        if (ci) {
            throw new AssertionError(reason + ", and under CI a check against them does not skip: check out"
                    + " ../shared/reference/outputs-schema beside the repository.");
        }
        System.out.println("[gen2] skipped: " + reason + " (a check of a generated file against its schema).");
        Assumptions.abort(reason);
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
