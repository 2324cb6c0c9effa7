package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The model introspection document as the local cloud assembly holds it, so that writing the outputs after a
 * deploy needs no AWS call. CDK names a file asset {@code asset.<hash><ext>} in the assembly and uploads it as
 * {@code <hash><ext>}, so the file whose name is the S3 key after {@code asset.} is exactly the deployed document;
 * an assembly synthesized from other sources does not have it.
 */
public final class AssemblyModelIntrospection {
    private final Path assembly;

    public AssemblyModelIntrospection(Path assembly) {
        this.assembly = assembly;
    }

    /** The assembly directory. */
    public Path directory() {
        return assembly;
    }

    /** The document uploaded to that location, when this assembly is the one deployed. */
    public Optional<Object> find(S3Location location) {
        if (location.key().contains("/")) {
            return Optional.empty();
        }
        Path file = assembly.resolve("asset." + location.key());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonText.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendConfigException("--assembly " + assembly, "Cannot read " + file.getFileName() + ": "
                    + e.getMessage(), "synthesize the backend again (cdk synth), or pass --assembly with the cloud"
                    + " assembly that was deployed.");
        }
    }
}
