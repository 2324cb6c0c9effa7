package dev.gen2.deploy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.deploy.watch.CompileResult;
import dev.gen2.deploy.watch.DeployLatch;
import dev.gen2.deploy.watch.JavaRecompiler;
import dev.gen2.deploy.watch.SourceWatcher;
import dev.gen2.deploy.watch.WatchExclusions;
import dev.gen2.guard.DataLossGuard;
import dev.gen2.localaws.LocalAws;
import dev.gen2.localaws.LocalGraphql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One run of {@code gen2 sandbox}, from start to Ctrl-C: the project's sandbox lock ({@link SandboxLock}), the local
 * AWS's life with {@code --local}, the checks before the first deploy, then one deploy ({@code --once}) or the watch
 * loop (watch, recompile, synth, guard, deploy, outputs), and on {@link #close()} everything stopped in the reverse
 * order. A {@code --local} sandbox removes the outputs file it wrote when it stops, if that file still holds what it
 * wrote ({@link LocalSandboxRecord}): nothing is left pointing at a server that is gone. Every line goes through one
 * {@link DeployProgress}.
 */
public final class SandboxSession implements AutoCloseable {

    /**
     * What the command line asked for.
     *
     * @param once deploy once; no watching
     * @param local on the local AWS, started here and stopped with the session
     * @param reset with {@code local}: start from an empty local AWS, dropping the state kept from earlier runs
     * @param dirToWatch what the watch loop watches
     * @param exclude paths or globs it ignores, besides {@code .gitignore}'s, {@code target/} and the outputs file
     * @param outputs where the frontend's configuration goes
     * @param outputsFile the file that is, in {@code outputs}
     * @param functionLogs {@code --stream-function-logs}: what to stream after each deploy on AWS (with
     *        {@code --local} the functions' lines reach the terminal anyway)
     */
    public record Options(boolean once, boolean local, boolean reset, Path dirToWatch, List<String> exclude,
            BackendDeployment.OutputsTarget outputs, Path outputsFile,
            Optional<FunctionLogStream.Options> functionLogs) {
        public Options {
            exclude = List.copyOf(exclude);
        }
    }

    private final ProjectConfig project;
    private final BackendId id;
    private final Options options;
    private final Function<AwsConnection, DataLossGuard> guard;
    private final DeployProgress progress;
    private final ClassLoader classes;
    private final Path workDirectory;
    private final Path localRecordFile;
    private final Path localState;
    /** What {@link #close()} closes, last opened first: the watch, the deploys, then the server. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<LocalSandboxRecord> localOutputs = new AtomicReference<>();
    private AwsConnection connection;
    private SandboxLock lock;
    private boolean frontendLinesShown;
    private FunctionLogStream functionLogs;
    private volatile boolean localAwsStarted;

    /**
     * @param connection how to reach AWS (replaced by the local AWS's with {@code --local})
     * @param guard the data-loss guard for a connection, run before every deploy
     * @param classes the backend's classes for the first synth (the watch loop recompiles its own)
     */
    public SandboxSession(ProjectConfig project, BackendId id, Options options, AwsConnection connection,
            Function<AwsConnection, DataLossGuard> guard, DeployProgress progress, ClassLoader classes) {
        this.project = project;
        this.id = id;
        this.options = options;
        this.connection = connection;
        this.guard = guard;
        this.progress = progress;
        this.classes = classes;
        this.workDirectory = Path.of("target", "gen2-sandbox", id.stackName());
        this.localRecordFile = LocalSandboxRecord.file(project.directory(), id);
        this.localState = LocalSandboxState.directory(project.directory(), id);
    }

    /** Whether the session goes on after {@link #start()} until closed (Ctrl-C): watching, or serving the local AWS. */
    public boolean keepsRunning() {
        return options.local() || !options.once();
    }

    /**
     * Takes the project's sandbox lock, starts the local AWS ({@code --local}), checks credentials and bootstrap, and
     * deploys once ({@code --once}) or starts watching. Returns when the first deploy is done with {@code --once},
     * at once when watching (the first deploy runs on the watch loop's thread).
     */
    public void start() throws IOException, InterruptedException {
        SandboxLock taken = SandboxLock.acquire(project.directory(), new SandboxLock.Holder(
                ProcessHandle.current().pid(), id.name(), options.local(),
                options.outputsFile().toAbsolutePath().normalize().toString()));
        synchronized (this) {
            lock = taken;
        }
        if (options.local()) {
            LocalAws server = startLocalAws();
            push(server);
            localAwsStarted = true;
            progress.info("local AWS on " + server.endpoint() + " (pid " + server.pid() + "), its S3 also on port "
                    + LocalAws.AMPLIFY_STORAGE_TESTING_PORT);
            progress.localEndpoint(server.endpoint());
            progress.localInbox(server.inboxUrl());
            connection = AwsConnection.local(server.endpoint(), LocalAws.REGION, LocalAws.ACCESS_KEY_ID,
                    LocalAws.SECRET_ACCESS_KEY);
            if (options.functionLogs().isPresent()) {
                progress.info("--stream-function-logs: with --local the functions' log lines already come here,"
                        + " each as [<name>] <line>.");
            }
        } else {
            LocalSandboxRecord.clear(localRecordFile); // this sandbox now has stacks on AWS to delete
        }
        progress.info("sandbox " + id.name() + ": stack " + id.stackName()
                + connection.region().map(region -> " in " + region).orElse(""));
        BackendDeployment deployment = BackendDeployment.forProject(project, connection.childEnvironment(),
                workDirectory, progress);
        preflight(deployment);
        if (options.once()) {
            deploy(deployment, classes);
            if (options.local()) {
                progress.info("serving the local AWS; Ctrl-C stops it, and what it holds is kept in " + localState
                        + ".");
            }
        } else {
            watch(deployment);
        }
    }

    /** Ctrl-C: closes the watch, the deploys and the server in that order, cleans up, and says what is left. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        SandboxLock held;
        synchronized (this) {
            held = lock;
        }
        if (held == null) {
            return; // refused before it started: nothing to stop
        }
        for (Optional<AutoCloseable> next = pop(); next.isPresent(); next = pop()) {
            try {
                next.get().close();
            } catch (Exception ignored) {
                // the process is ending; the next one still gets closed
            }
        }
        if (options.local()) {
            removeLocalOutputs();
        }
        held.close();
        if (keepsRunning() && (!options.local() || localAwsStarted)) {
            progress.info(options.local()
                    ? "stopped the local AWS; what it held is kept in " + localState + " for the next `sandbox"
                            + " --local` (`--reset` starts empty, `sandbox delete` removes it)."
                    : "stopped watching. The sandbox's stacks are kept; delete them with `gen2 sandbox delete"
                            + " --identifier " + id.name() + "`.");
        }
    }

    private LocalAws startLocalAws() throws InterruptedException {
        try {
            if (options.reset() && LocalSandboxState.remove(localState)) {
                progress.info("--reset: removed the local state in " + localState);
            }
            return LocalAws.start(LocalAws.Options.sandbox(localState, progress::local));
        } catch (LocalAws.PortTakenException e) {
            throw new BackendConfigException("--local", e.getMessage(),
                    "stop what holds it (another project's `gen2 sandbox --local`?), then start again.");
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            String lastLine = message.lines().reduce((first, second) -> second).orElse("");
            if (message.contains("saved state")) { // its own line says what to do
                throw new BackendConfigException("--local", "The local AWS did not start: " + lastLine,
                        "start with --reset to start empty, or remove " + localState + ".");
            }
            if (message.startsWith("The local AWS ")) { // moto's server itself
                throw new BackendConfigException("--local", "The local AWS did not start: " + lastLine,
                        "it needs moto's server on this machine's Python (pip install 'moto[server]'), or set"
                                + " LOCAL_AWS_PYTHON to a Python that has it.");
            }
            throw new BackendConfigException("--local", "The local AWS did not start: " + lastLine,
                    "it needs Node.js and npm (with the npm registry, or a mirror in ~/.npmrc) for its GraphQL"
                            + " service and Lambda runtime.");
        }
    }

    /** Credentials, region and bootstrap (the local AWS is bootstrapped here, once), before any deploy. */
    private void preflight(BackendDeployment deployment) {
        if (options.local()) {
            deployment.toolkit().bootstrap(deployment.synth(classes, id, Map.of()), LocalAws.ACCOUNT_ID,
                    LocalAws.REGION);
        }
        connection.verifyBootstrap();
    }

    /** One sandbox deploy: the newest secret change as {@code secretLastUpdated}, hotswap with fallback. */
    private void deploy(BackendDeployment deployment, ClassLoader backendClasses) {
        BackendDeployment.Deployed deployed;
        try (SsmClient ssm = connection.configure(SsmClient.builder()).build()) {
            Map<String, Object> context = new SandboxSecrets(ssm, id).lastUpdatedContext()
                    .<Map<String, Object>>map(value -> Map.of(SandboxSecrets.LAST_UPDATED_CONTEXT_KEY, value))
                    .orElse(Map.of());
            deployed = deployment.deploy(backendClasses, id, context, guard.apply(connection),
                    CdkToolkit.Method.HOTSWAP_FALLBACK, options.outputs());
        } catch (SdkClientException e) {
            throw connection.explain(e);
        }
        if (!options.local() && options.functionLogs().isPresent()) {
            streamFunctionLogs(deployed, deployment.assembly());
        }
        if (options.local()) {
            localOutputs.set(LocalSandboxRecord.write(localRecordFile, deployed.outputsFile()));
            if (!frontendLinesShown) {
                frontendLinesShown = true;
                progress.localFrontend(connection.endpoint().orElseThrow(), LocalAws.CONFIRMATION_CODE,
                        LocalGraphql.certificate());
            }
        }
    }

    /**
     * Follows the functions this deploy left, starting the stream on the first deploy. The deploy has succeeded
     * whatever happens here: a failure to list the functions is said in one line and the stream keeps what it had.
     */
    private void streamFunctionLogs(BackendDeployment.Deployed deployed, Path assembly) {
        List<FunctionLogStream.LoggedFunction> functions;
        try (CloudFormationClient cfn = connection.configure(CloudFormationClient.builder()).build()) {
            functions = SandboxFunctions.deployed(deployed.outputs(), cfn, id.stackName(), assembly);
        } catch (SdkException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            progress.error("--stream-function-logs: the deployed functions could not be listed (CloudFormation"
                    + " ListStackResources: " + reason + "); their logs are not streamed until the next deploy.");
            return;
        }
        FunctionLogStream stream;
        synchronized (this) {
            if (functionLogs == null) {
                functionLogs = new FunctionLogStream(connection.configure(CloudWatchLogsClient.builder()).build(),
                        options.functionLogs().get(), progress);
                push(functionLogs);
            }
            stream = functionLogs;
        }
        stream.follow(functions);
    }

    /**
     * Watches {@code --dir-to-watch} from the start (edits made during the first deploy count), deploys at once,
     * and then on every change: one deploy at a time, changes during a deploy queuing one more; changed Java sources
     * are compiled in this JVM and loaded fresh for the next synth. A compile error or a failed deploy is printed and
     * watching goes on.
     */
    private void watch(BackendDeployment deployment) throws IOException {
        Set<Path> pending = ConcurrentHashMap.newKeySet();
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicReference<ClassLoader> current = new AtomicReference<>(classes);
        JavaRecompiler compiler = new JavaRecompiler(project.directory());
        push(compiler);
        DeployLatch latch = new DeployLatch(() -> {
            Set<Path> changed = Set.copyOf(pending);
            pending.removeAll(changed);
            if (!first.getAndSet(false)) {
                if (changed.isEmpty()) {
                    return; // already deployed by the run that took these changes
                }
                progress.info("changed: " + relative(changed));
                if (changed.stream().anyMatch(path -> path.toString().endsWith(".java"))) {
                    CompileResult result = compiler.compile();
                    if (result instanceof CompileResult.Failed failed) {
                        progress.info("compile failed; fix it and save again:\n" + failed.errors());
                        return;
                    }
                    current.set(((CompileResult.Compiled) result).classLoader());
                    progress.info(String.format("compile: %.2f s", result.took().toMillis() / 1000.0));
                }
            }
            deploy(deployment, current.get());
        }, failure -> {
            if (!stopping.get()) {
                progress.error((failure instanceof RuntimeException ? failure.getMessage() : String.valueOf(failure))
                        + "\n[gen2] still watching.");
            }
        });
        push(latch);
        WatchExclusions exclusions = WatchExclusions.none(options.dirToWatch())
                .withGitignore(project.directory().resolve(".gitignore")).withGlobs(options.exclude())
                .withPaths(List.of(options.outputsFile().toAbsolutePath(), project.directory().resolve("target")));
        push(new SourceWatcher(options.dirToWatch(), exclusions, Duration.ofMillis(300), changed -> {
            pending.addAll(changed);
            if (latch.changed() == DeployLatch.State.QUEUED) {
                progress.info("changed during a deploy, queued for the next one: " + relative(changed));
            }
        }));
        progress.info("watching " + options.dirToWatch() + "; Ctrl-C stops.");
        latch.changed();
    }

    /** Changed paths as the project's relative paths, sorted, for one line. */
    private String relative(Set<Path> paths) {
        return paths.stream().map(path -> project.directory().relativize(path.toAbsolutePath()).toString()).sorted()
                .collect(Collectors.joining(", "));
    }

    /** The local sandbox's outputs file, removed if it still is the one it wrote: the server it names is gone. */
    private void removeLocalOutputs() {
        LocalSandboxRecord written = localOutputs.get();
        if (written == null) {
            return;
        }
        try {
            switch (written.removeOutputsIfUnchanged()) {
                case REMOVED -> progress.info("removed " + written.outputsFile() + ": it named the local AWS, which"
                        + " has stopped.");
                case KEPT -> progress.info("kept " + written.outputsFile() + ": another command has written it"
                        + " since.");
                case ABSENT -> {
                    // removed by hand already
                }
            }
        } catch (UncheckedIOException e) {
            progress.info("could not remove " + written.outputsFile() + " (" + e.getCause().getMessage()
                    + "): it names the local AWS, which has stopped; remove it by hand.");
        }
    }

    /** Remembers what to close on stop; closes it at once when the session is stopping already. */
    private void push(AutoCloseable closeable) {
        synchronized (this) {
            if (!stopping.get()) {
                opened.push(closeable);
                return;
            }
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    private synchronized Optional<AutoCloseable> pop() {
        return Optional.ofNullable(opened.poll());
    }
}
