package dev.gen2.cli;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.BackendDeployment;
import dev.gen2.deploy.BootstrapCheck;
import dev.gen2.deploy.CdkToolkit;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.deploy.SandboxSecrets;
import dev.gen2.deploy.watch.CompileResult;
import dev.gen2.deploy.watch.DeployLatch;
import dev.gen2.deploy.watch.JavaRecompiler;
import dev.gen2.deploy.watch.SourceWatcher;
import dev.gen2.deploy.watch.WatchExclusions;
import dev.gen2.localaws.LocalAws;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code gen2 sandbox}: Amplify's {@code ampx sandbox}. Deploys the developer's own backend
 * ({@code amplify-<namespace>-<identifier>-sandbox-<hash>}), writes its {@code amplify_outputs.json}, and, without
 * {@code --once}, redeploys as the sources change. With {@code --local} it does so on the project's local AWS.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Deploy your personal sandbox backend and keep it up to date as you edit.",
        subcommands = {SandboxDeleteCommand.class, SandboxSecretCommand.class})
final class SandboxCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--identifier", description = "The sandbox's name (default: your user name).")
    private String identifier;

    @Option(names = "--once", description = "Deploy once and stop; do not watch the sources.")
    private boolean once;

    @Option(names = "--local", description = "Deploy to the project's local AWS (started on 127.0.0.1, stopped on"
            + " exit) instead of AWS: no account needed.")
    private boolean local;

    @Option(names = "--dir-to-watch", defaultValue = "src/main", description = "The directory to watch for changes"
            + " (default: ${DEFAULT-VALUE}: the backend's Java sources, functions and resources).")
    private Path dirToWatch;

    @Option(names = "--exclude", split = ",", description = "Paths or globs the watcher ignores, besides .gitignore's"
            + " and the outputs file.")
    private List<String> exclude = List.of();

    @Mixin
    private OutputsOptions outputs;

    @Mixin
    private AwsOptions aws;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ProjectConfig project = ProjectConfig.read(Path.of(""));
        BackendId id = new BackendId(project.namespace(), SandboxIdentifier.resolve(identifier),
                DeploymentType.SANDBOX);
        PrintWriter out = spec.commandLine().getOut();
        if (!local) {
            return deployAndWatch(project, id, aws.connection(), false);
        }
        try (LocalAws server = LocalAws.start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            out.println("[gen2] local AWS on " + server.endpoint() + " (pid " + server.pid() + ")");
            return deployAndWatch(project, id, AwsConnection.local(server.endpoint(), LocalAws.REGION,
                    LocalAws.ACCESS_KEY_ID, LocalAws.SECRET_ACCESS_KEY), true);
        }
    }

    private int deployAndWatch(ProjectConfig project, BackendId id, AwsConnection connection, boolean localAws)
            throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("[gen2] sandbox " + id.name() + ": stack " + id.stackName()
                + connection.region().map(region -> " in " + region).orElse(""));
        BackendDeployment deployment = BackendDeployment.forProject(project, connection.childEnvironment(),
                Path.of("target", "gen2-sandbox", id.stackName()), out::println);
        ClassLoader classes = getClass().getClassLoader();
        try (SsmClient ssm = connection.configure(SsmClient.builder()).build()) {
            if (localAws) {
                deployment.toolkit().bootstrap(deployment.synth(classes, id, Map.of()), LocalAws.ACCOUNT_ID,
                        LocalAws.REGION);
            }
            BootstrapCheck.verify(ssm);
            Map<String, Object> context = secretContext(new SandboxSecrets(ssm, id));
            deployment.deploy(classes, id, context, CdkToolkit.Method.HOTSWAP_FALLBACK, outputsTarget());
        } catch (SdkClientException e) {
            throw connection.explain(e);
        }
        if (localAws) {
            printFrontendLines(out, connection);
        }
        if (once && !localAws) {
            return 0;
        }
        out.println("[gen2] " + (once ? "serving the local AWS" : "watching " + dirToWatch) + "; Ctrl-C stops. The"
                + " sandbox's stacks are kept" + (localAws ? " until then" : "; delete them with `gen2 sandbox delete"
                        + " --identifier " + id.name() + "`") + ".");
        if (!once) {
            watch(project, deployment, id, connection);
        }
        new CountDownLatch(1).await();
        return 0;
    }

    /**
     * Redeploys on every change under {@code --dir-to-watch}, one deploy at a time, changes during a deploy queuing
     * one more; changed Java sources are compiled in this JVM and loaded fresh for the next synth. A compile error
     * or a failed deploy is printed and watching goes on. Ctrl-C ends it (the JVM's shutdown closes the watch).
     */
    private void watch(ProjectConfig project, BackendDeployment deployment, BackendId id, AwsConnection connection)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Set<Path> pending = ConcurrentHashMap.newKeySet();
        AtomicReference<ClassLoader> classes = new AtomicReference<>(getClass().getClassLoader());
        JavaRecompiler compiler = new JavaRecompiler(project.directory());
        DeployLatch latch = new DeployLatch(() -> {
            Set<Path> changed = Set.copyOf(pending);
            pending.removeAll(changed);
            out.println("[gen2] changed: " + changed.stream().map(path -> project.directory().toAbsolutePath()
                    .relativize(path).toString()).sorted().collect(Collectors.joining(", ")));
            if (changed.stream().anyMatch(path -> path.toString().endsWith(".java"))) {
                CompileResult result = compiler.compile();
                if (result instanceof CompileResult.Failed failed) {
                    out.println("[gen2] compile failed; fix it and save again:\n" + failed.errors());
                    return;
                }
                classes.set(((CompileResult.Compiled) result).classLoader());
                out.printf("[gen2] compile: %.2f s%n", result.took().toMillis() / 1000.0);
            }
            try (SsmClient ssm = connection.configure(SsmClient.builder()).build()) {
                deployment.deploy(classes.get(), id, secretContext(new SandboxSecrets(ssm, id)),
                        CdkToolkit.Method.HOTSWAP_FALLBACK, outputsTarget());
            }
        }, failure -> out.println("error: " + (failure instanceof RuntimeException ? failure.getMessage()
                : failure.toString()) + "\n[gen2] still watching."));
        Path outputsFile = outputs.outDir.resolve(outputs.outputsFormat().fileName(outputs.clientConfigVersion()));
        WatchExclusions exclusions = WatchExclusions.none(dirToWatch)
                .withGitignore(project.directory().resolve(".gitignore")).withGlobs(exclude)
                .withPaths(List.of(outputsFile.toAbsolutePath(), project.directory().resolve("target").toAbsolutePath()));
        SourceWatcher watcher = new SourceWatcher(dirToWatch, exclusions, Duration.ofMillis(300), changed -> {
            pending.addAll(changed);
            latch.changed();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("[gen2] stopping: a deploy under way is finished first.");
            try {
                watcher.close();
            } catch (IOException ignored) {
                // the process is ending
            }
            latch.close();
            compiler.close();
            out.println("[gen2] stopped watching. The sandbox's stacks are kept; delete them with `gen2 sandbox"
                    + " delete --identifier " + id.name() + "`.");
            out.flush();
        }));
    }

    private static Map<String, Object> secretContext(SandboxSecrets secrets) {
        return secrets.lastUpdatedContext().<Map<String, Object>>map(value -> Map.of(
                SandboxSecrets.LAST_UPDATED_CONTEXT_KEY, value)).orElse(Map.of());
    }

    private BackendDeployment.OutputsTarget outputsTarget() {
        return new BackendDeployment.OutputsTarget(outputs.outDir, outputs.clientConfigVersion(),
                outputs.outputsFormat());
    }

    /** The lines a frontend adds after {@code Amplify.configure(outputs)} to use the local AWS. */
    private static void printFrontendLines(PrintWriter out, AwsConnection connection) {
        String endpoint = connection.endpoint().orElseThrow().toString().replace("localhost", "127.0.0.1");
        out.println("[gen2] point aws-amplify at the local AWS, after Amplify.configure(outputs):");
        out.println("  const config = Amplify.getConfig();");
        out.println("  Amplify.configure({ ...config, Auth: { Cognito: { ...config.Auth.Cognito, userPoolEndpoint: '"
                + endpoint + "', identityPoolEndpoint: '" + endpoint + "' } } });");
        out.println("[gen2] every confirmation code is " + LocalAws.CONFIRMATION_CODE + ".");
    }
}
