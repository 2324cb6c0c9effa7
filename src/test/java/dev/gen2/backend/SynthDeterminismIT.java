package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.gen2.deploy.BackendSynthesizer;
import dev.gen2.deploy.ProjectConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthesis is repeatable across processes: two {@code cdk synth} runs of the same backend, each in its own JVM
 * (so hash seeds, {@code Map.of} orders and temp paths differ), write byte-identical cloud assemblies. This is what
 * keeps {@code cdk diff} empty and hotswap possible on a no-op change.
 */
class SynthDeterminismIT {
    private static final Duration SYNTH_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void theSampleSynthesizesByteIdenticallyTwice(@TempDir Path out) throws Exception {
        String app = "bash src/main/scripts/run-java.sh amplify.BackendApp";
        assertSameFiles(synth(app, out.resolve("first")), synth(app, out.resolve("second")));
    }

    @Test
    void aSchemaWithEnumsCustomTypesAndRelationshipsSynthesizesByteIdenticallyTwice(@TempDir Path out)
            throws Exception {
        String app = "java -cp " + CdkCli.testClasspath() + " dev.gen2.backend.data.BlogBackendApp";
        Path first = synth(app, out.resolve("first"));
        assertThat(templatesMentioning(first, "amplifyApiModelSchemaS3Uri")).isNotEmpty();
        assertSameFiles(first, synth(app, out.resolve("second")));
    }

    @Test
    void theSandboxsInProcessSynthWritesTheTemplatesCdkSynthWrites(@TempDir Path out) throws Exception {
        Path cli = synth("bash src/main/scripts/run-java.sh amplify.BackendApp", out.resolve("cli"));
        ProjectConfig project = ProjectConfig.read(Path.of(""));
        Path inProcess = new BackendSynthesizer(project.backendClass(), project.context()).synth(
                getClass().getClassLoader(), new BackendId("gen2sample", "dev", DeploymentType.SANDBOX), Map.of(),
                out.resolve("in-process"));
        Map<String, byte[]> a = contents(cli);
        Map<String, byte[]> b = contents(inProcess);
        List<String> templates = a.keySet().stream().filter(name -> name.endsWith(".template.json")).toList();
        assertThat(templates).isNotEmpty();
        assertThat(templates.stream().filter(name -> !Arrays.equals(a.get(name), b.get(name))).toList())
                .as("templates that differ between cdk synth and the in-process synth").isEmpty();
    }

    private static Path synth(String app, Path output) throws IOException, InterruptedException {
        CdkCli.Result result = CdkCli.run(Map.of("CDK_VALIDATION", "false"), SYNTH_TIMEOUT,
                "synth", "--quiet", "--app", app, "--output", output.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        return output;
    }

    static void assertSameFiles(Path first, Path second) throws IOException {
        Map<String, byte[]> a = contents(first);
        Map<String, byte[]> b = contents(second);
        assertThat(b.keySet()).as("files of the second synth").containsExactlyElementsOf(a.keySet());
        List<String> differing = a.keySet().stream().filter(name -> !Arrays.equals(a.get(name), b.get(name)))
                .toList();
        assertThat(differing).as("files that differ between two synths").isEmpty();
    }

    /**
     * Every file of an assembly by its relative path, but the CLI's lock files and aws-cdk-lib's
     * {@code performance-counters.json}, which it writes only when a synth took longer than its threshold (timings,
     * not part of what is deployed).
     */
    private static Map<String, byte[]> contents(Path assembly) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(assembly)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = assembly.relativize(file).toString();
                if (!name.endsWith(".lock") && !name.equals("performance-counters.json")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    private static List<Path> templatesMentioning(Path assembly, String text) throws IOException {
        try (Stream<Path> files = Files.list(assembly)) {
            return files.filter(f -> f.toString().endsWith(".template.json")).filter(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
