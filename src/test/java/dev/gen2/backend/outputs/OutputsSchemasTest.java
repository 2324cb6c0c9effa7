package dev.gen2.backend.outputs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** What the schema checks do when the official schemas are absent: skip, saying why, but fail under CI. */
class OutputsSchemasTest {
    @TempDir
    Path directory;

    @Test
    void missingSchemasFailUnderCiNamingTheirFolder() {
        Path missing = directory.resolve("outputs-schema");
        assertThatThrownBy(() -> OutputsSchemas.assumePresent(missing, true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The official amplify_outputs schemas are not at " + missing.toAbsolutePath())
                .hasMessageContaining("under CI");
    }

    @Test
    void missingSchemasSkipElsewhereSayingWhy() {
        Path missing = directory.resolve("outputs-schema");
        assertThatThrownBy(() -> OutputsSchemas.assumePresent(missing, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("The official amplify_outputs schemas are not at " + missing.toAbsolutePath());
    }

    @Test
    void presentSchemasNeitherSkipNorFail() throws Exception {
        Path present = Files.createDirectory(directory.resolve("outputs-schema"));
        assertThatCode(() -> OutputsSchemas.assumePresent(present, true)).doesNotThrowAnyException();
        assertThatCode(() -> OutputsSchemas.assumePresent(present, false)).doesNotThrowAnyException();
    }
}
