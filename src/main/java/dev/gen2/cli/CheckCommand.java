package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.BackendSynthesizer;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.guard.DataLossGuard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gen2 check}: the guard that {@code sandbox} and {@code pipeline-deploy} run before every deploy, on its
 * own: would deploying this backend delete or replace a user pool, identity pool, app client, table or bucket?
 * Compares the backend's assembly with what is deployed, or with a baseline assembly for CI without credentials.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check, before deploying, that the"
        + " backend would not delete or replace a stateful resource (user pool, group, identity pool, app client,"
        + " table, bucket), nor make a change the deployed resource cannot take. Exits 1 when it refuses.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--assembly", paramLabel = "DIR", description = "The cloud assembly to check; its amplify-..."
            + " stack is the backend, and --branch, --app-id and --identifier are not used (default: a fresh synth of"
            + " the backend cdk.json names, for the backend --branch/--app-id or --identifier give).")
    private Path assembly;

    @Option(names = "--baseline", paramLabel = "DIR", description = "Compare with this cloud assembly (the one last"
            + " deployed, say) instead of the deployed stacks; needs no AWS credentials.")
    private Path baseline;

    @Option(names = "--branch", description = "With --app-id: check the branch backend of this git branch.")
    private String branch;

    @Option(names = "--app-id", description = "With --branch: the Amplify app id (the backend's namespace).")
    private String appId;

    @Option(names = "--identifier", description = "Without --branch: the sandbox's name (default: your user name).")
    private String identifier;

    @Mixin
    private GuardOptions guard;

    @Mixin
    private AwsOptions aws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path checked = assembly != null ? assembly : synthesize(out);
        DataLossGuard dataLossGuard = baseline != null
                ? guard.against(DataLossGuard.Baseline.assembly(baseline), out::println)
                : guard.againstDeployed(aws.connection(), out::println);
        dataLossGuard.check(checked);
        return 0;
    }

    private Path synthesize(PrintWriter out) {
        if ((branch == null) != (appId == null)) {
            throw new BackendConfigException("--branch/--app-id", "Only one of --branch and --app-id is given.",
                    "give both to check a branch backend, or neither to check your sandbox.");
        }
        ProjectConfig project = ProjectConfig.read(Path.of(""));
        BackendId id = branch != null ? new BackendId(appId, branch, DeploymentType.BRANCH)
                : new BackendId(project.namespace(), SandboxIdentifier.resolve(identifier), DeploymentType.SANDBOX);
        out.println("[gen2] check: synthesizing " + id.stackName());
        return new BackendSynthesizer(project.backendClass(), project.context()).synth(getClass().getClassLoader(),
                id, Map.of(), Path.of("target", "gen2-check", id.stackName(), "cdk.out"));
    }
}
