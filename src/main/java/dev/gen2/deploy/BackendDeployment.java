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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deploy of a backend, the steps the deploying commands share: synthesize in this JVM, check that assembly
 * with the {@link DataLossGuard} (nothing reaches CloudFormation when it refuses), deploy it with the CDK toolkit,
 * and write the frontend's configuration from the outputs the deploy returned and the assembly it deployed (no AWS
 * call). Each step prints one line with its time, and the CDK CLI one line per stack ({@link DeployProgress}).
 */
public final class BackendDeployment {
    private final BackendSynthesizer synthesizer;
    private final CdkToolkit toolkit;
    private final Path workDirectory;
    private final DeployProgress progress;

    /** Where the frontend's configuration goes, in which version and format. */
    public record OutputsTarget(Path directory, ClientConfigVersion version, OutputsFormat format) {
    }

    /**
     * What a deploy did.
     *
     * @param outputs the deployed root stack's outputs
     * @param outputsFile the frontend's configuration file it wrote
     * @param stacks what it did to each stack
     */
    public record Deployed(BackendOutput outputs, Path outputsFile, List<StackResult> stacks) {
    }

    /**
     * @param workDirectory where the assembly ({@code cdk.out}), the toolkit's outputs file and the CDK CLI's log are
     *        kept
     * @param progress receives this deployment's lines (the toolkit's too, through the same progress)
     */
    public BackendDeployment(BackendSynthesizer synthesizer, CdkToolkit toolkit, Path workDirectory,
            DeployProgress progress) {
        this.synthesizer = synthesizer;
        this.toolkit = toolkit;
        this.workDirectory = workDirectory;
        this.progress = progress;
    }

    /**
     * The deployment of a project's backend: synthesized from the class {@code cdk.json} names, with its context,
     * deployed by the CDK CLI run in the project with {@code environment}, its output logged to
     * {@code <workDirectory>/cdk.log}; every line for the terminal goes to {@code progress}.
     */
    public static BackendDeployment forProject(ProjectConfig project, Map<String, String> environment,
            Path workDirectory, DeployProgress progress) {
        return new BackendDeployment(new BackendSynthesizer(project.backendClass(), project.context()),
                new CdkToolkit(project.directory(), environment, workDirectory.resolve("cdk.log"), progress),
                workDirectory, progress);
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
        progress.synth(since(start));
        progress.javaFunctionPackages(JavaFunctionPackages.describe(assembly));
        return assembly;
    }

    /**
     * Synthesizes, checks with {@code guard} (which throws when it refuses), deploys with {@code method}, and writes
     * the outputs file.
     */
    public Deployed deploy(ClassLoader classes, BackendId id, Map<String, Object> extraContext,
            DataLossGuard guard, CdkToolkit.Method method, OutputsTarget outputs) {
        Path assembly = synth(classes, id, extraContext);
        long start = System.nanoTime();
        guard.check(assembly);
        progress.check(since(start));
        Path outputsFile = workDirectory.resolve("cdk-outputs.json");
        List<StackResult> stacks = toolkit.deploy(assembly, method, outputsFile);
        start = System.nanoTime();
        BackendOutput deployed = CdkOutputsFile.read(outputsFile, Optional.of(id.stackName()));
        ModelIntrospectionSource introspection = new DeployedModelIntrospection(
                Optional.of(new AssemblyModelIntrospection(assembly)), ModelIntrospectionSource::unavailable,
                line -> { });
        Path written = OutputsFileWriter.write(outputs.directory(), ClientConfigGenerator.generate(deployed,
                outputs.version(), introspection), outputs.version(), outputs.format());
        progress.outputs(written, since(start));
        return new Deployed(deployed, written, stacks);
    }

    /** Destroys every stack of the backend {@code id}, synthesized first so the toolkit knows them. */
    public List<StackResult> destroy(ClassLoader classes, BackendId id, Map<String, Object> extraContext) {
        return toolkit.destroy(synth(classes, id, extraContext));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
