package dev.gen2.backend.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes the configuration files of four backends (three of auth, one with data), every version and format, to {@code target/client-configs},
 * for the Node tests that load them into the real {@code aws-amplify} v6 (1.x) and v5 (legacy) clients.
 */
class ClientFilesForNodeTest {
    static final Path DIRECTORY = Path.of("target", "client-configs");

    @Test
    void writesEveryVersionOfEachBackend() throws IOException {
        Map<String, BackendOutput> backends = new LinkedHashMap<>();
        backends.put("email", SynthesizedBackends.emailOnly());
        backends.put("full", SynthesizedBackends.fullAuth());
        backends.put("passwordless", SynthesizedBackends.passwordless());
        backends.put("data", SynthesizedBackends.withData());
        ModelIntrospectionSource introspection = SynthesizedBackends.dataIntrospection();
        List<Map<String, String>> index = new ArrayList<>();
        for (Map.Entry<String, BackendOutput> backend : backends.entrySet()) {
            for (ClientConfigVersion version : ClientConfigVersion.values()) {
                Map<String, Object> config = ClientConfigGenerator.generate(backend.getValue(), version,
                        introspection);
                Path directory = DIRECTORY.resolve(backend.getKey() + "-" + version.value());
                OutputsFileWriter.write(directory, config, version, OutputsFormat.JSON);
                if (version.isLegacy()) {
                    Path exports = OutputsFileWriter.write(directory, config, version, OutputsFormat.JS);
                    Files.move(exports, directory.resolve("aws-exports.mjs"), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    OutputsSchemas.assertValid(config, version);
                }
                index.add(Map.of("backend", backend.getKey(), "version", version.value(),
                        "directory", directory.getFileName().toString()));
            }
        }
        Files.writeString(DIRECTORY.resolve("index.json"), JsonText.stringify(index, 2), StandardCharsets.UTF_8);
        assertThat(index).hasSize(28);
        assertThat(DIRECTORY.resolve("full-0/aws-exports.mjs")).exists();
        assertThat(DIRECTORY.resolve("full-1.5/amplify_outputs.json")).exists();
    }
}
