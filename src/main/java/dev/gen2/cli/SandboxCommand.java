package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.DeployProgress;
import dev.gen2.deploy.FunctionLogStream;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.deploy.SandboxSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gen2 sandbox}: Amplify's {@code ampx sandbox}. Deploys the developer's own backend
 * ({@code amplify-<namespace>-<identifier>-sandbox-<hash>}), writes its {@code amplify_outputs.json}, and, without
 * {@code --once}, redeploys as the sources change. With {@code --local} it does so on the project's local AWS. The
 * work is a {@link SandboxSession}'s; this class parses the options.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Deploy your personal sandbox backend and keep it up to date as you edit.",
        subcommands = {SandboxDeleteCommand.class, SandboxSecretCommand.class,
            SandboxSchedulesCommand.class})
final class SandboxCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--identifier", description = "The sandbox's name (default: your user name).")
    private String identifier;

    @Option(names = "--once", description = "Deploy once and stop; do not watch the sources.")
    private boolean once;

    @Option(names = "--local", description = "Deploy to the project's local AWS (started on 127.0.0.1, stopped on"
            + " exit, its state kept in .amplify/local) instead of AWS: no account needed.")
    private boolean local;

    @Option(names = "--reset", description = "With --local: start from an empty local AWS, removing the state kept"
            + " from earlier runs.")
    private boolean reset;

    @Option(names = "--dir-to-watch", defaultValue = "src/main", description = "The directory to watch for changes"
            + " (default: ${DEFAULT-VALUE}: the backend's Java sources, functions and resources).")
    private Path dirToWatch;

    @Option(names = "--exclude", split = ",", description = "Paths or globs the watcher ignores, besides .gitignore's,"
            + " the outputs file and editors' temporary files.")
    private List<String> exclude = List.of();

    @Option(names = "--stream-function-logs", description = "On AWS: after each deploy, stream the functions' logs"
            + " from CloudWatch Logs here, each line as [<function name>] <message> (with --local they come anyway).")
    private boolean streamFunctionLogs;

    @Option(names = "--logs-filter", description = "Stream only the functions whose name matches this regex"
            + " (repeatable; implies --stream-function-logs).")
    private List<String> logsFilter = List.of();

    @Option(names = "--logs-out-file", description = "Append the streamed function logs to this file instead of"
            + " printing them (implies --stream-function-logs).")
    private Path logsOutFile;

    @Mixin
    private GuardOptions guard;

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
        DeployProgress progress = new DeployProgress(out::println);
        if (reset && !local) {
            throw new BackendConfigException("--reset", "--reset empties the local AWS's kept state, and this sandbox"
                    + " deploys to AWS.", "add --local, or leave --reset out (`sandbox delete` removes a sandbox on"
                    + " AWS).");
        }
        SandboxSession session = new SandboxSession(project, id, new SandboxSession.Options(once, local, reset,
                dirToWatch,
                exclude, outputs.target(), outputs.file(), functionLogs()), aws.connection(),
                connection -> guard.againstDeployed(connection, progress::print), progress,
                getClass().getClassLoader());
        if (!session.keepsRunning()) {
            try (session) {
                session.start();
            }
            return 0;
        }
        // this command keeps running until Ctrl-C, which stops the session
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            session.close();
            out.flush();
        }));
        session.start();
        new CountDownLatch(1).await();
        return 0;
    }

    /** {@code --stream-function-logs} and the options that imply it, checked: one line for what is wrong. */
    private Optional<FunctionLogStream.Options> functionLogs() {
        if (!streamFunctionLogs && logsFilter.isEmpty() && logsOutFile == null) {
            return Optional.empty();
        }
        if (once) {
            throw new BackendConfigException("--stream-function-logs", "--once deploys and stops, so there is no"
                    + " session to stream function logs in (--logs-filter and --logs-out-file stream too).",
                    "leave --once out, or the log options.");
        }
        List<Pattern> filters = new ArrayList<>();
        for (String filter : logsFilter) {
            try {
                filters.add(Pattern.compile(filter));
            } catch (PatternSyntaxException e) {
                throw new BackendConfigException("--logs-filter", "'" + filter + "' is not a regular expression: "
                        + e.getDescription() + ".", "fix it, e.g. --logs-filter 'say-.*'.");
            }
        }
        return Optional.of(new FunctionLogStream.Options(filters, Optional.ofNullable(logsOutFile)));
    }
}
