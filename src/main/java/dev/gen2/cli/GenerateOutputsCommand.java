package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.outputs.AssemblyModelIntrospection;
import dev.gen2.backend.outputs.BackendOutput;
import dev.gen2.backend.outputs.CdkOutputsFile;
import dev.gen2.backend.outputs.ClientConfigGenerator;
import dev.gen2.backend.outputs.ClientConfigVersion;
import dev.gen2.backend.outputs.DeployedModelIntrospection;
import dev.gen2.backend.outputs.DeployedStack;
import dev.gen2.backend.outputs.JsonText;
import dev.gen2.backend.outputs.OutputsFileWriter;
import dev.gen2.backend.outputs.OutputsFormat;
import dev.gen2.backend.outputs.S3ModelIntrospection;
import dev.gen2.deploy.AwsConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code gen2 generate outputs}: Amplify's {@code ampx generate outputs}. Reads a deployed backend (by stack name,
 * by app id and branch, by sandbox identifier, or from the file {@code cdk deploy --outputs-file} wrote) and writes
 * the frontend configuration.
 */
@Command(name = "outputs", mixinStandardHelpOptions = true,
        description = "Write amplify_outputs.json (or .dart, or the legacy amplifyconfiguration.json / aws-exports.js)"
                + " for a deployed backend.")
final class GenerateOutputsCommand implements Callable<Integer> {
    private static final Pattern STACK_NAME = Pattern.compile("^[a-zA-Z][-a-zA-Z0-9]{1,127}$|^arn:[-a-zA-Z0-9:/._+]+$");

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Backend backend = new Backend();

    static final class Backend {
        @Option(names = "--stack", description = "The backend's root stack name.")
        String stack;

        @ArgGroup(exclusive = false)
        Branch branch;

        @Option(names = "--identifier", description = "A sandbox's identifier (default: your user name).")
        String identifier;
    }

    static final class Branch {
        @Option(names = "--app-id", required = true, description = "The Amplify app id of a branch environment.")
        String appId;

        @Option(names = "--branch", required = true, description = "The git branch of a branch environment.")
        String branch;
    }

    @Option(names = "--namespace", description = "The sandbox's namespace (default: amplify-backend-namespace in"
            + " ./cdk.json).")
    private String namespace;

    @Option(names = "--cdk-outputs-file", description = "Read the outputs from the file `cdk deploy"
            + " --outputs-file` wrote instead of from AWS.")
    private Path cdkOutputsFile;

    @Option(names = "--out-dir", defaultValue = "outputs", description = "Directory to write to (default: ${DEFAULT-VALUE}).")
    private Path outDir;

    @Option(names = "--format", defaultValue = "json", description = "json, dart, or js (aws-exports.js, version 0"
            + " only). Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(names = "--outputs-version", defaultValue = "1.5", description = "0, 1, 1.1, 1.2, 1.3, 1.4 or 1.5."
            + " Default: ${DEFAULT-VALUE}.")
    private String outputsVersion;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--assembly", description = "The cloud assembly that was deployed, to read the model"
            + " introspection from without AWS (default: ./cdk.out when it exists).")
    private Path assembly;

    @Override
    public Integer call() {
        ClientConfigVersion version = ClientConfigVersion.fromValue(outputsVersion);
        OutputsFormat outputsFormat = OutputsFormat.fromValue(format);
        outputsFormat.fileName(version);
        Optional<AssemblyModelIntrospection> deployedAssembly = deployedAssembly();
        AwsConnection connection = aws.connection();
        BackendOutput output = cdkOutputsFile != null
                ? CdkOutputsFile.read(cdkOutputsFile, Optional.ofNullable(backend.stack).map(this::checkedStackName))
                : readDeployed(connection, stackName());
        Map<String, Object> config = ClientConfigGenerator.generate(output, version,
                new DeployedModelIntrospection(deployedAssembly, () -> s3Uri -> readFromS3(connection, s3Uri),
                        spec.commandLine().getOut()::println));
        Path written = OutputsFileWriter.write(outDir, config, version, outputsFormat);
        spec.commandLine().getOut().println("Wrote " + written);
        return 0;
    }

    /** {@code --assembly}, which must be a directory, or else {@code ./cdk.out} when there is one. */
    private Optional<AssemblyModelIntrospection> deployedAssembly() {
        if (assembly != null && !Files.isDirectory(assembly)) {
            throw new BackendConfigException("--assembly", "No cloud assembly directory at " + assembly + ".",
                    "pass the directory cdk synth or cdk deploy wrote (cdk.out by default).");
        }
        return Optional.ofNullable(assembly).or(() -> Optional.of(Path.of("cdk.out")).filter(Files::isDirectory))
                .map(AssemblyModelIntrospection::new);
    }

    private static Object readFromS3(AwsConnection aws, String s3Uri) {
        try (S3Client s3 = aws.s3().build()) {
            return new S3ModelIntrospection(s3).read(s3Uri);
        } catch (SdkClientException e) {
            throw aws.explain(e);
        }
    }

    private String stackName() {
        if (backend.stack != null) {
            return checkedStackName(backend.stack);
        }
        if (backend.branch != null) {
            if (backend.branch.appId.isBlank() || backend.branch.branch.isBlank()) {
                throw new BackendConfigException("--app-id/--branch", "Invalid --branch or --app-id.",
                        "give both a non-empty --app-id and --branch.");
            }
            return new BackendId(backend.branch.appId, backend.branch.branch, DeploymentType.BRANCH).stackName();
        }
        String identifier = SandboxIdentifier.resolve(backend.identifier);
        return new BackendId(sandboxNamespace(), identifier, DeploymentType.SANDBOX).stackName();
    }

    private String checkedStackName(String name) {
        if (!STACK_NAME.matcher(name).matches()) {
            throw new BackendConfigException("--stack", "Invalid --stack name provided: " + name,
                    "give a CloudFormation stack name (a letter, then letters, digits and hyphens) or stack ARN.");
        }
        return name;
    }

    private String sandboxNamespace() {
        if (namespace != null) {
            return namespace;
        }
        Path cdkJson = Path.of("cdk.json");
        try {
            Object context = JsonText.parseObject(Files.readString(cdkJson, StandardCharsets.UTF_8)).get("context");
            if (context instanceof Map<?, ?> values && values.get(BackendId.NAMESPACE_KEY) != null) {
                return values.get(BackendId.NAMESPACE_KEY).toString();
            }
        } catch (IOException | IllegalArgumentException e) {
            // reported below
        }
        throw new BackendConfigException("--identifier", "The sandbox's namespace is unknown: ./cdk.json has no"
                + " context value " + BackendId.NAMESPACE_KEY + ".", "run in the project directory, or pass"
                + " --namespace (or --stack).");
    }

    private BackendOutput readDeployed(AwsConnection aws, String stackName) {
        try (CloudFormationClient cloudFormation = aws.configure(CloudFormationClient.builder()).build()) {
            return DeployedStack.read(cloudFormation, stackName);
        } catch (SdkClientException e) {
            throw aws.explain(e);
        }
    }
}
