package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.outputs.OutputsFormat;
import dev.gen2.deploy.AwsConnection;
import dev.gen2.deploy.BackendDeployment;
import dev.gen2.deploy.DeployProgress;
import dev.gen2.deploy.LocalSandboxRecord;
import dev.gen2.deploy.LocalSandboxState;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.deploy.SandboxLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gen2 sandbox delete}: Amplify's {@code ampx sandbox delete}. A sandbox that last ran with {@code --local}
 * has nothing deployed once its local AWS stopped: then no AWS call is made, and only the outputs file it may have
 * left is removed. A running sandbox of that identifier is not deleted under its feet.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete the sandbox: every stack of it, with its data, and its amplify_outputs.json.")
final class SandboxDeleteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--identifier", description = "The sandbox's name (default: your user name).")
    private String identifier;

    @Option(names = {"--yes", "-y"}, description = "Do not ask for confirmation.")
    private boolean yes;

    @Option(names = "--outputs-out-dir", defaultValue = ".", description = "Where the sandbox's outputs file is, to"
            + " remove it (default: the current directory).")
    private Path outputsDirectory;

    @Mixin
    private AwsOptions aws;

    @Override
    public Integer call() throws IOException {
        ProjectConfig project = ProjectConfig.read(Path.of(""));
        BackendId id = new BackendId(project.namespace(), SandboxIdentifier.resolve(identifier),
                DeploymentType.SANDBOX);
        PrintWriter out = spec.commandLine().getOut();
        Optional<SandboxLock.Holder> running = SandboxLock.holder(project.directory());
        if (running.filter(holder -> holder.identifier().equals(id.name())).isPresent()) {
            throw new BackendConfigException("sandbox delete", "The " + running.get().describe() + " is running.",
                    "stop it first (Ctrl-C in its terminal), then delete it" + (running.get().local()
                            ? " (a --local sandbox keeps its local state when it stops)." : "."));
        }
        Path localRecord = LocalSandboxRecord.file(project.directory(), id);
        Optional<LocalSandboxRecord> local = LocalSandboxRecord.read(localRecord);
        if (local.isPresent()) {
            deleteLocal(out, id, local.get(), LocalSandboxState.directory(project.directory(), id));
            return 0;
        }
        if (!yes && !confirmed(out, id)) {
            out.println("Nothing deleted.");
            return 0;
        }
        AwsConnection connection = aws.connection();
        BackendDeployment deployment = BackendDeployment.forProject(project, connection.childEnvironment(),
                Path.of("target", "gen2-sandbox", id.stackName()), new DeployProgress(out::println));
        deployment.destroy(getClass().getClassLoader(), id, Map.of());
        for (String name : OutputsFormat.fileNames()) { // whichever format and version it was written in
            Path outputsFile = outputsDirectory.resolve(name);
            if (running.isPresent() && Path.of(running.get().outputsFile()).equals(outputsFile.toAbsolutePath()
                    .normalize())) {
                out.println("[gen2] kept " + outputsFile + ": the " + running.get().describe() + " writes it.");
            } else if (Files.deleteIfExists(outputsFile)) {
                out.println("[gen2] removed " + outputsFile);
            }
        }
        out.println("[gen2] sandbox " + id.name() + " deleted.");
        return 0;
    }

    /**
     * A sandbox that last ran with {@code --local}: nothing of it is on AWS, so nothing is asked of AWS; its local
     * state is removed, and the outputs file it left (a crash, a kill) if it is still the one it wrote.
     */
    private static void deleteLocal(PrintWriter out, BackendId id, LocalSandboxRecord local, Path localState) {
        out.println("[gen2] sandbox " + id.name() + " last ran on the local AWS (--local):"
                + " nothing of it is deployed, so nothing is deleted on AWS.");
        switch (local.removeOutputsIfUnchanged()) {
            case REMOVED -> out.println("[gen2] removed " + local.outputsFile() + ": it named that local AWS.");
            case KEPT -> out.println("[gen2] kept " + local.outputsFile() + ": another command has written it"
                    + " since.");
            case ABSENT -> {
                // removed when the sandbox stopped
            }
        }
        LocalSandboxState.remove(localState);
        out.println("[gen2] removed its local state in " + localState + ".");
        out.println("[gen2] local sandbox " + id.name() + " cleaned up. If you also deployed it to AWS, run `gen2"
                + " sandbox delete --identifier " + id.name() + "` again to delete its stacks there.");
    }

    private static boolean confirmed(PrintWriter out, BackendId id) throws IOException {
        out.print("Are you sure you want to delete all the resources of sandbox " + id.name() + " (stack "
                + id.stackName() + "), their data included? (y/N) ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
