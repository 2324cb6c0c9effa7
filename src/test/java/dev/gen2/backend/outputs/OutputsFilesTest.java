package dev.gen2.backend.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files written, their names and formats, and reading the file `cdk deploy --outputs-file` wrote. */
class OutputsFilesTest {
    private static BackendOutput emailOnly;

    @TempDir
    Path directory;

    @BeforeAll
    static void deploy() {
        emailOnly = SynthesizedBackends.emailOnly();
    }

    @Test
    void fileNamesFollowAmplifys() {
        assertThat(OutputsFormat.JSON.fileName(ClientConfigVersion.V1_5)).isEqualTo("amplify_outputs.json");
        assertThat(OutputsFormat.DART.fileName(ClientConfigVersion.V1_3)).isEqualTo("amplify_outputs.dart");
        assertThat(OutputsFormat.JSON.fileName(ClientConfigVersion.V0)).isEqualTo("amplifyconfiguration.json");
        assertThat(OutputsFormat.JS.fileName(ClientConfigVersion.V0)).isEqualTo("aws-exports.js");
        assertThatThrownBy(() -> OutputsFormat.JS.fileName(ClientConfigVersion.V1_5))
                .isInstanceOf(BackendConfigException.class).hasMessageContaining("aws-exports.js exists only for");
        assertThatThrownBy(() -> OutputsFormat.DART.fileName(ClientConfigVersion.V0))
                .hasMessageContaining("The legacy configuration (version 0) is not written for Dart");
    }

    @Test
    void dartWrapsTheJsonInARawString() {
        Map<String, Object> config = ClientConfigGenerator.generate(emailOnly, ClientConfigVersion.V1_5);
        String dart = OutputsFormat.DART.render(config, ClientConfigVersion.V1_5);
        assertThat(dart).startsWith("const amplifyConfig = r'''{\n  \"auth\": {")
                .endsWith("}''';")
                .contains(JsonText.stringify(config, 2));
    }

    @Test
    void awsExportsIsAJavaScriptModule() {
        Map<String, Object> legacy = ClientConfigGenerator.generate(emailOnly, ClientConfigVersion.V0);
        String js = OutputsFormat.JS.render(legacy, ClientConfigVersion.V0);
        assertThat(js).contains("const awsmobile = {\n    \"aws_project_region\": \"us-east-1\",")
                .endsWith("};\n\nexport default awsmobile;\n");
    }

    @Test
    void everyFileNameAFormatAndVersionIsWrittenTo() {
        assertThat(OutputsFormat.fileNames()).containsExactly("amplify_outputs.dart", "amplify_outputs.json",
                "amplifyconfiguration.json", "aws-exports.js");
    }

    @Test
    void writesTheFileWholeReadableByAllAndLeavesNoTemporaryFile() throws IOException {
        Path written = OutputsFileWriter.write(directory.resolve("nested/out"),
                ClientConfigGenerator.generate(emailOnly, ClientConfigVersion.V1_5), ClientConfigVersion.V1_5,
                OutputsFormat.JSON);
        assertThat(written).hasFileName("amplify_outputs.json");
        assertThat(JsonText.parseObject(Files.readString(written))).containsEntry("version", "1.5");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getParent())))
                .isEqualTo("rwxr-xr-x");
        try (var files = Files.list(written.getParent())) {
            assertThat(files).containsExactly(written);
        }
    }

    /**
     * Places no user can write the file to, root included (a read-only directory would not do: root writes there,
     * and CI runs as root): a directory that is a file, one under a file, and a file name taken by a directory.
     */
    @Test
    void aPlaceTheFileCannotBeWrittenToIsReported() throws IOException {
        Path regularFile = Files.writeString(directory.resolve("a-file"), "not a directory");
        Path taken = Files.createDirectories(directory.resolve("taken/amplify_outputs.json"));
        Files.writeString(taken.resolve("keep"), "a directory with something in it");
        for (Path outDir : List.of(regularFile, regularFile.resolve("out"), taken.getParent())) {
            assertThatThrownBy(() -> OutputsFileWriter.write(outDir, Map.of("version", "1.5"),
                    ClientConfigVersion.V1_5, OutputsFormat.JSON)).as("%s", outDir)
                    .isInstanceOf(BackendConfigException.class)
                    .hasMessageContaining("--out-dir " + outDir)
                    .hasMessageContaining("Cannot write amplify_outputs.json there")
                    .hasMessageContaining("choose a directory you can write to");
        }
        assertThat(regularFile).hasContent("not a directory");
        try (var files = Files.list(taken.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(taken);
        }
    }

    @Test
    void readsTheBackendStackFromACdkOutputsFile() throws IOException {
        Map<String, String> outputs = Map.of("deploymentType", "sandbox", "region", "us-east-1",
                "userPoolId", "us-east-1_X", "webClientId", "client", "authRegion", "us-east-1");
        Path file = write("{\"SomeOtherStack\": {\"Url\": \"https://x\"}, \"amplify-app-dev-sandbox-0123456789\": "
                + JsonText.stringify(outputs, 0) + "}");
        BackendOutput read = CdkOutputsFile.read(file, Optional.empty());
        assertThat(read.entry(BackendOutput.AUTH).orElseThrow().payload())
                .containsEntry("userPoolId", "us-east-1_X").containsEntry("webClientId", "client");
        assertThat(read.entry(BackendOutput.PLATFORM)).isPresent();
    }

    @Test
    void badCdkOutputsFilesAreReportedClearly() throws IOException {
        assertThatThrownBy(() -> CdkOutputsFile.read(directory.resolve("missing.json"), Optional.empty()))
                .isInstanceOf(BackendConfigException.class).hasMessageContaining("Cannot read the file");
        assertThatThrownBy(() -> CdkOutputsFile.read(write("not json"), Optional.empty()))
                .hasMessageContaining("The file is not JSON");
        assertThatThrownBy(() -> CdkOutputsFile.read(write("{\"a\": [1, 2]}"), Optional.empty()))
                .hasMessageContaining("is not of the shape");
        assertThatThrownBy(() -> CdkOutputsFile.read(write("{\"Other\": {\"x\": \"y\"}}"), Optional.empty()))
                .hasMessageContaining("The file holds no backend stack").hasMessageContaining("Other");
        assertThatThrownBy(() -> CdkOutputsFile.read(write("{\"amplify-a-b-sandbox-0123456789\": {},"
                + " \"amplify-a-c-branch-0123456789\": {}}"), Optional.empty()))
                .hasMessageContaining("The file holds several backend stacks");
        assertThatThrownBy(() -> CdkOutputsFile.read(write("{\"Other\": {\"x\": \"y\"}}"), Optional.of("Other")))
                .hasMessageContaining("This stack was not made by gen2-backend");
        assertThatThrownBy(() -> CdkOutputsFile.read(write("{\"Other\": {}}"), Optional.of("Missing")))
                .hasMessageContaining("The file has no outputs of the stack Missing");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(directory, "cdk-outputs", ".json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
