package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.AwsConnection;
import dev.gen2.deploy.BackendDeployment;
import dev.gen2.deploy.CdkToolkit;
import dev.gen2.deploy.DeployProgress;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.testing.ContinuousIntegration;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gen2 pipeline-deploy}: Amplify's {@code ampx pipeline-deploy}. Deploys a branch environment
 * ({@code amplify-<appId>-<branch>-branch-<hash>}) with a full deploy, from CI only, and writes its outputs.
 */
@Command(name = "pipeline-deploy", mixinStandardHelpOptions = true,
        description = "Deploy the backend of a git branch (from CI) and write its amplify_outputs.json.")
final class PipelineDeployCommand implements Callable<Integer> {
    /** Set by every CI service (GitHub Actions, GitLab CI, CircleCI, Jenkins through its plugins, ...). */
    @Spec
    private CommandSpec spec;

    @Option(names = "--branch", required = true, description = "The git branch being deployed.")
    private String branch;

    @Option(names = "--app-id", required = true, description = "The Amplify app id (the backend's namespace).")
    private String appId;

    @Mixin
    private GuardOptions guard;

    @Mixin
    private OutputsOptions outputs;

    @Mixin
    private AwsOptions aws;

    /** The environment to read {@code CI} from; tests give their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        if (!ContinuousIntegration.detectedIn(environment)) {
            throw new BackendConfigException("pipeline-deploy", "It looks like this command is being run outside of"
                    + " a CI/CD workflow (the CI variable is not set).", "to deploy from your machine use `gen2"
                    + " sandbox`; in CI, set CI=true (most CI services do).");
        }
        if (branch.isBlank() || appId.isBlank()) {
            throw new BackendConfigException("--app-id/--branch", "Invalid --branch or --app-id.",
                    "give both a non-empty --app-id and --branch.");
        }
        BackendId id = new BackendId(appId, branch, DeploymentType.BRANCH);
        ProjectConfig project = ProjectConfig.read(Path.of(""));
        AwsConnection connection = aws.connection();
        connection.verifyBootstrap();
        spec.commandLine().getOut().println("Deploying branch " + branch + " of app " + appId + ": stack "
                + id.stackName());
        DeployProgress progress = new DeployProgress(spec.commandLine().getOut()::println);
        BackendDeployment deployment = BackendDeployment.forProject(project, connection.childEnvironment(),
                Path.of("target", "gen2-pipeline", id.stackName()), progress);
        deployment.deploy(getClass().getClassLoader(), id, Map.of(), guard.againstDeployed(connection,
                progress::print), CdkToolkit.Method.DIRECT, outputs.target());
        return 0;
    }
}
