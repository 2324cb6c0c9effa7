package dev.gen2.deploy;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.outputs.AssemblyModelIntrospection;
import dev.gen2.backend.outputs.BackendOutput;
import dev.gen2.backend.outputs.CdkOutputsFile;
import dev.gen2.backend.outputs.ClientConfigGenerator;
import dev.gen2.backend.outputs.ClientConfigVersion;
import dev.gen2.backend.outputs.DeployedModelIntrospection;
import dev.gen2.backend.outputs.ModelIntrospectionSource;
import dev.gen2.backend.outputs.OutputsFileWriter;
import dev.gen2.backend.outputs.OutputsFormat;
import dev.gen2.guard.DataLossGuard;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One deploy of a backend, the steps the deploying commands share: synthesize in this JVM, check that assembly
 * with the {@link DataLossGuard} (nothing reaches CloudFormation when it refuses), deploy it with the CDK toolkit,
 * and write the frontend's configuration from the outputs the deploy returned and the assembly it deployed (no AWS
 * call). Each step prints one line with its time.
 */
public final class BackendDeployment {
    private final BackendSynthesizer synthesizer;
    private final CdkToolkit toolkit;
    private final Path workDirectory;
    private final Consumer<String> progress;

    /** Where the frontend's configuration goes, in which version and format. */
    public record OutputsTarget(Path directory, ClientConfigVersion version, OutputsFormat format) {
    }

    /**
     * @param workDirectory where the assembly ({@code cdk.out}) and the toolkit's outputs file are kept
     * @param progress receives this class's own lines (the toolkit's go to the toolkit's consumer)
     */
    public BackendDeployment(BackendSynthesizer synthesizer, CdkToolkit toolkit, Path workDirectory,
            Consumer<String> progress) {
        this.synthesizer = synthesizer;
        this.toolkit = toolkit;
        this.workDirectory = workDirectory;
        this.progress = progress;
    }

    /**
     * The deployment of a project's backend: synthesized from the class {@code cdk.json} names, with its context,
     * deployed by the CDK CLI run in the project with {@code environment}; every line goes to {@code out}.
     */
    public static BackendDeployment forProject(ProjectConfig project, Map<String, String> environment,
            Path workDirectory, Consumer<String> out) {
        return new BackendDeployment(new BackendSynthesizer(project.backendClass(), project.context()),
                new CdkToolkit(project.directory(), environment, out), workDirectory, out);
    }

    /** The toolkit this deployment deploys with. */
    public CdkToolkit toolkit() {
        return toolkit;
    }

    /** The assembly directory the deploys use. */
    public Path assembly() {
        return workDirectory.resolve("cdk.out");
    }

    /**
     * Synthesizes the backend {@code id} with the given classes (timed), prints each Java function's package size,
     * and returns the assembly.
     */
    public Path synth(ClassLoader classes, BackendId id, Map<String, Object> extraContext) {
        long start = System.nanoTime();
        Path assembly = synthesizer.synth(classes, id, extraContext, assembly());
        progress.accept(String.format("[gen2] synth: %.2f s", seconds(start)));
        JavaFunctionPackages.describe(assembly).forEach(progress);
        return assembly;
    }

    /**
     * Synthesizes, checks with {@code guard} (which throws when it refuses), deploys with {@code method}, and writes
     * the outputs file; returns the deployed outputs.
     */
    public BackendOutput deploy(ClassLoader classes, BackendId id, Map<String, Object> extraContext,
            DataLossGuard guard, CdkToolkit.Method method, OutputsTarget outputs) {
        Path assembly = synth(classes, id, extraContext);
        long start = System.nanoTime();
        guard.check(assembly);
        progress.accept(String.format("[gen2] check: %.2f s", seconds(start)));
        Path outputsFile = workDirectory.resolve("cdk-outputs.json");
        start = System.nanoTime();
        toolkit.deploy(assembly, method, outputsFile);
        progress.accept(String.format("[gen2] deploy: %.1f s", seconds(start)));
        start = System.nanoTime();
        BackendOutput deployed = CdkOutputsFile.read(outputsFile, Optional.of(id.stackName()));
        ModelIntrospectionSource introspection = new DeployedModelIntrospection(
                Optional.of(new AssemblyModelIntrospection(assembly)), ModelIntrospectionSource::unavailable,
                line -> { });
        Path written = OutputsFileWriter.write(outputs.directory(), ClientConfigGenerator.generate(deployed,
                outputs.version(), introspection), outputs.version(), outputs.format());
        progress.accept(String.format("[gen2] outputs: %s (%.2f s)", written, seconds(start)));
        return deployed;
    }

    /** Destroys every stack of the backend {@code id}, synthesized first so the toolkit knows them. */
    public void destroy(ClassLoader classes, BackendId id, Map<String, Object> extraContext) {
        Path assembly = synth(classes, id, extraContext);
        long start = System.nanoTime();
        toolkit.destroy(assembly);
        progress.accept(String.format("[gen2] destroy: %.1f s", seconds(start)));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
