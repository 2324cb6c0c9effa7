package dev.gen2.cli;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.outputs.OutputsFormat;
import dev.gen2.deploy.BackendDeployment;
import dev.gen2.deploy.ProjectConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gen2 sandbox delete}: Amplify's {@code ampx sandbox delete}. */
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
        if (!yes && !confirmed(out, id)) {
            out.println("Nothing deleted.");
            return 0;
        }
        AwsConnection connection = aws.connection();
        BackendDeployment deployment = BackendDeployment.forProject(project, connection.childEnvironment(),
                Path.of("target", "gen2-sandbox", id.stackName()), out::println);
        deployment.destroy(getClass().getClassLoader(), id, Map.of());
        for (String name : OutputsFormat.fileNames()) { // whichever format and version it was written in
            Path outputsFile = outputsDirectory.resolve(name);
            if (Files.deleteIfExists(outputsFile)) {
                out.println("[gen2] removed " + outputsFile);
            }
        }
        out.println("[gen2] sandbox " + id.name() + " deleted.");
        return 0;
    }

    private static boolean confirmed(PrintWriter out, BackendId id) throws IOException {
        out.print("Are you sure you want to delete all the resources of sandbox " + id.name() + " (stack "
                + id.stackName() + "), their data included? (y/N) ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
