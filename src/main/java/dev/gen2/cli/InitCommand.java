package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.deploy.CdkToolkit;
import dev.gen2.scaffold.ProjectScaffold;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gen2 init}: Amplify's {@code npm create amplify}, a new backend project that depends on this library. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new backend project that depends on gen2-backend.")
final class InitCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where to create it (default: the"
            + " current directory).")
    private Path directory = Path.of(".");

    @Option(names = "--namespace", description = "The backend's namespace, Amplify's project name (default: the"
            + " directory's name).")
    private String namespace;

    @Option(names = "--package", description = "The backend's Java package (default: ${DEFAULT-VALUE}).",
            defaultValue = "amplify")
    private String javaPackage;

    @Option(names = "--resources", split = ",", paramLabel = "KIND", description = "The resources to start with:"
            + " auth, data, storage, function (default: auth, with email sign-in).")
    private List<String> resources = List.of("auth");

    @Option(names = "--force", description = "Write into a directory that is not empty.")
    private boolean force;

    @Option(names = "--ci", paramLabel = "SERVICE", description = "Also write the CI workflow that deploys a backend"
            + " environment per git branch: github (.github/workflows/amplify-backend.yml) or gitlab (.gitlab-ci.yml).")
    private String ci;

    @Override
    public Integer call() {
        Path target = directory.toAbsolutePath().normalize();
        String name = namespace != null ? namespace : target.getFileName().toString();
        EnumSet<ProjectScaffold.Resource> kinds = EnumSet.noneOf(ProjectScaffold.Resource.class);
        for (String kind : resources) {
            try {
                kinds.add(ProjectScaffold.Resource.valueOf(kind.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw new BackendConfigException("--resources", "'" + kind + "' is not a resource"
                        + " kind.", "name some of auth, data, storage, function.");
            }
        }
        Optional<ProjectScaffold.CiService> service = Optional.ofNullable(ci).map(ProjectScaffold.CiService::named);
        List<Path> written = ProjectScaffold.create(new ProjectScaffold.Settings(target, name, javaPackage, kinds,
                force, service));
        PrintWriter out = spec.commandLine().getOut();
        out.println("[gen2] created the backend " + name + " in " + target + ":");
        written.forEach(file -> out.println("  " + file));
        out.println("[gen2] next: cd " + target + " && mvn -B test && npx --yes aws-cdk@"
                + CdkToolkit.CLI_VERSION + " synth");
        service.ifPresent(workflow -> out.println("[gen2] CI: " + workflow.target() + " needs the variables"
                + " AMPLIFY_APP_ID, AWS_ROLE_ARN and AWS_REGION and an IAM role for the service's OIDC token; its"
                + " comments say how."));
        return 0;
    }
}
