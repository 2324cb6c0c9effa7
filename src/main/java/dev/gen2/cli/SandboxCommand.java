package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.BackendDeployment;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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

    @Option(names = "--exclude", split = ",", description = "Paths or globs the watcher ignores, besides .gitignore's,"
            + " the outputs file and editors' temporary files.")
    private List<String> exclude = List.of();

    @Mixin
    private GuardOptions guard;

    @Mixin
    private OutputsOptions outputs;

    @Mixin
    private AwsOptions aws;

    /** What the single shutdown hook closes, last opened first: the watch, then the deploys, then the server. */
    private final Deque<AutoCloseable> openedInOrder = new ArrayDeque<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        ProjectConfig project = ProjectConfig.read(Path.of(""));
        BackendId id = new BackendId(project.namespace(), SandboxIdentifier.resolve(identifier),
                DeploymentType.SANDBOX);
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean stopping = new AtomicBoolean();
        if (local || !once) {
            // this command keeps running until Ctrl-C
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stopping, id)));
        }
        AwsConnection connection = aws.connection();
        if (local) {
            LocalAws server = startLocalAws();
            openedInOrder.push(server);
            out.println("[gen2] local AWS on " + server.endpoint() + " (pid " + server.pid() + ")");
            connection = AwsConnection.local(server.endpoint(), LocalAws.REGION, LocalAws.ACCESS_KEY_ID,
                    LocalAws.SECRET_ACCESS_KEY);
        }
        out.println("[gen2] sandbox " + id.name() + ": stack " + id.stackName()
                + connection.region().map(region -> " in " + region).orElse(""));
        BackendDeployment deployment = BackendDeployment.forProject(project, connection.childEnvironment(),
                Path.of("target", "gen2-sandbox", id.stackName()), out::println);
        ClassLoader classes = getClass().getClassLoader();
        preflight(deployment, id, connection, classes);
        Deploy deploy = new Deploy(deployment, id, connection);
        if (once) {
            deploy.run(classes);
            if (!local) {
                return 0;
            }
            printFrontendLines(out, connection);
            out.println("[gen2] serving the local AWS; Ctrl-C stops it, and everything deployed to it is gone.");
        } else {
            watch(project, deploy, stopping);
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private LocalAws startLocalAws() throws InterruptedException {
        try {
            return LocalAws.start();
        } catch (IOException e) {
            String lastLine = String.valueOf(e.getMessage()).lines().reduce((first, second) -> second).orElse("");
            throw new BackendConfigException("--local", "The local AWS did not start: " + lastLine,
                    "it needs moto's server on this machine's Python (pip install 'moto[server]'), or set"
                            + " LOCAL_AWS_PYTHON to a Python that has it.");
        }
    }

    /** Credentials, region and bootstrap (the local AWS is bootstrapped here, once), before any deploy. */
    private void preflight(BackendDeployment deployment, BackendId id, AwsConnection connection, ClassLoader classes) {
        if (local) {
            deployment.toolkit().bootstrap(deployment.synth(classes, id, Map.of()), LocalAws.ACCOUNT_ID,
                    LocalAws.REGION);
        }
        connection.verifyBootstrap();
    }

    /** One sandbox deploy: the newest secret change as {@code secretLastUpdated}, hotswap with fallback. */
    private final class Deploy {
        private final BackendDeployment deployment;
        private final BackendId id;
        private final AwsConnection connection;

        Deploy(BackendDeployment deployment, BackendId id, AwsConnection connection) {
            this.deployment = deployment;
            this.id = id;
            this.connection = connection;
        }

        void run(ClassLoader classes) {
            try (SsmClient ssm = connection.configure(SsmClient.builder()).build()) {
                Map<String, Object> context = new SandboxSecrets(ssm, id).lastUpdatedContext()
                        .<Map<String, Object>>map(value -> Map.of(SandboxSecrets.LAST_UPDATED_CONTEXT_KEY, value))
                        .orElse(Map.of());
                deployment.deploy(classes, id, context, guard.againstDeployed(connection,
                        spec.commandLine().getOut()::println), CdkToolkit.Method.HOTSWAP_FALLBACK, outputs.target());
            } catch (SdkClientException e) {
                throw connection.explain(e);
            }
            if (local) {
                printFrontendLines(spec.commandLine().getOut(), connection);
            }
        }
    }

    /**
     * Watches {@code --dir-to-watch} from the start (edits made during the first deploy count), deploys at once,
     * and then on every change: one deploy at a time, changes during a deploy queuing one more; changed Java sources
     * are compiled in this JVM and loaded fresh for the next synth. A compile error or a failed deploy is printed and
     * watching goes on.
     */
    private void watch(ProjectConfig project, Deploy deploy, AtomicBoolean stopping) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Set<Path> pending = ConcurrentHashMap.newKeySet();
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicReference<ClassLoader> classes = new AtomicReference<>(getClass().getClassLoader());
        JavaRecompiler compiler = new JavaRecompiler(project.directory());
        openedInOrder.push(compiler);
        DeployLatch latch = new DeployLatch(() -> {
            Set<Path> changed = Set.copyOf(pending);
            pending.removeAll(changed);
            if (!first.getAndSet(false)) {
                if (changed.isEmpty()) {
                    return; // already deployed by the run that took these changes
                }
                out.println("[gen2] changed: " + relative(project, changed));
                if (changed.stream().anyMatch(path -> path.toString().endsWith(".java"))) {
                    CompileResult result = compiler.compile();
                    if (result instanceof CompileResult.Failed failed) {
                        out.println("[gen2] compile failed; fix it and save again:\n" + failed.errors());
                        return;
                    }
                    classes.set(((CompileResult.Compiled) result).classLoader());
                    out.printf("[gen2] compile: %.2f s%n", result.took().toMillis() / 1000.0);
                }
            }
            deploy.run(classes.get());
        }, failure -> {
            if (!stopping.get()) {
                out.println("error: " + (failure instanceof RuntimeException ? failure.getMessage() : failure)
                        + "\n[gen2] still watching.");
            }
        });
        openedInOrder.push(latch);
        WatchExclusions exclusions = WatchExclusions.none(dirToWatch)
                .withGitignore(project.directory().resolve(".gitignore")).withGlobs(exclude)
                .withPaths(List.of(outputs.file().toAbsolutePath(), project.directory().resolve("target")));
        openedInOrder.push(new SourceWatcher(dirToWatch, exclusions, Duration.ofMillis(300), changed -> {
            pending.addAll(changed);
            if (latch.changed() == DeployLatch.State.QUEUED) {
                out.println("[gen2] changed during a deploy, queued for the next one: " + relative(project, changed));
            }
        }));
        out.println("[gen2] watching " + dirToWatch + "; Ctrl-C stops.");
        latch.changed();
    }

    /** Changed paths as the project's relative paths, sorted, for one line. */
    private static String relative(ProjectConfig project, Set<Path> paths) {
        return paths.stream().map(path -> project.directory().relativize(path.toAbsolutePath()).toString()).sorted()
                .collect(Collectors.joining(", "));
    }

    /** Ctrl-C: closes the watch, the deploys and the server in that order, and says what is left. */
    private void stop(AtomicBoolean stopping, BackendId id) {
        stopping.set(true);
        PrintWriter out = spec.commandLine().getOut();
        while (!openedInOrder.isEmpty()) {
            try {
                openedInOrder.pop().close();
            } catch (Exception ignored) {
                // the process is ending; the next one still gets closed
            }
        }
        out.println(local
                ? "[gen2] stopped; the local AWS and everything deployed to it are gone."
                : "[gen2] stopped watching. The sandbox's stacks are kept; delete them with `gen2 sandbox delete"
                        + " --identifier " + id.name() + "`.");
        out.flush();
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
