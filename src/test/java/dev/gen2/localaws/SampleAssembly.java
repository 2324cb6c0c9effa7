package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.CdkCli;
import dev.gen2.backend.DeploymentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The sample backend synthesized by the real CDK CLI into a cloud assembly, from a working directory of its own
 * that holds what the sample reads by relative path: its post-confirmation function's code (optionally with one
 * line added, to make a code change), the Java functions' package and a {@code cdk.json} with the backend's
 * identity. The compiled classes are the project's own, so no Maven runs.
 */
public final class SampleAssembly {
    public static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path POST_CONFIRMATION = Path.of("src", "main", "functions", "post-confirmation", "index.js");

    private SampleAssembly() {
    }

    /**
     * Synthesizes the sample as {@code gen2sample}/{@code name} of the given type into {@code work/out}; a non-empty
     * {@code codeChange} is appended to the post-confirmation function's code as a comment.
     */
    public static Path synth(Path work, String name, DeploymentType type, String codeChange)
            throws IOException, InterruptedException {
        copyFunctionSources(work, codeChange);
        String classpath = PROJECT.resolve("target/classes") + ":"
                + Files.readString(PROJECT.resolve("target/classpath.txt"), StandardCharsets.UTF_8).trim();
        Path out = work.resolve("out");
        CdkCli.Result synth = CdkCli.runIn(work, Map.of("CDK_VALIDATION", "false"), Duration.ofMinutes(4),
                "synth", "--quiet", "--app", "java -cp " + classpath + " amplify.BackendApp",
                "-c", "amplify-backend-namespace=gen2sample", "-c", "amplify-backend-name=" + name,
                "-c", "amplify-backend-type=" + type.value(), "--output", out.toString());
        assertThat(synth.exitCode()).as("cdk synth of the sample:\n" + synth.output()).isZero();
        return out;
    }

    /**
     * Copies into {@code work} what the sample's functions read by relative path, so that a project directory there
     * synthesizes them; a non-empty {@code codeChange} is appended to the post-confirmation code as a comment.
     */
    static void copyFunctionSources(Path work, String codeChange) throws IOException {
        Files.createDirectories(work.resolve(POST_CONFIRMATION).getParent());
        String code = Files.readString(PROJECT.resolve(POST_CONFIRMATION), StandardCharsets.UTF_8);
        Files.writeString(work.resolve(POST_CONFIRMATION), codeChange.isEmpty() ? code
                : code + "\n// " + codeChange + "\n", StandardCharsets.UTF_8);
    }
}
