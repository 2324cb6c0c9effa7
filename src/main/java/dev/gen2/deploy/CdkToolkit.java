package dev.gen2.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real CDK toolkit, the CLI {@code aws-cdk@2.1148.1} run with {@code npx}, on a cloud assembly that was
 * synthesized in this JVM ({@code --app <assembly>}, so the CLI never runs the app). The CLI rather than
 * {@code @aws-cdk/toolkit-lib}: it is what CDK users and this project's tests already run, it needs no Node code of
 * ours, and its {@code --hotswap-fallback} is Amplify's sandbox method (hotswap, else a full deploy). Every line it
 * prints is passed on as it comes; a failure becomes a {@link DeployFailure} saying what to do.
 */
public final class CdkToolkit {
    /** The CLI version that reads this aws-cdk-lib's cloud assemblies (3.x cannot). */
    public static final String CLI_VERSION = "2.1148.1";

    /** How a deploy updates the stacks. */
    public enum Method {
        /** Hotswap what can be (a function's code), a full deploy otherwise: the sandbox's method, as Amplify's. */
        HOTSWAP_FALLBACK("--hotswap-fallback"),
        /** A full CloudFormation deploy, no change set review: branch environments, as Amplify's. */
        DIRECT("--method=direct");

        private final String flag;

        Method(String flag) {
            this.flag = flag;
        }
    }

    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Consumer<String> lines;

    /**
     * @param workingDirectory where the CLI runs (the project)
     * @param environment variables added to this process's for the CLI (credentials, region, endpoint)
     * @param lines receives each line the CLI prints
     */
    public CdkToolkit(Path workingDirectory, Map<String, String> environment, Consumer<String> lines) {
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
        this.lines = lines;
    }

    /** {@code cdk bootstrap aws://ACCOUNT/REGION}: the local AWS needs it once. */
    public void bootstrap(Path assembly, String account, String region) {
        run("bootstrap", List.of("bootstrap", "aws://" + account + "/" + region, "--app", assembly.toString()));
    }

    /** Deploys every stack of the assembly, writing the root stack's outputs to {@code outputsFile}. */
    public void deploy(Path assembly, Method method, Path outputsFile) {
        run("deploy", List.of("deploy", "--app", assembly.toString(), "--all", "--require-approval", "never",
                method.flag, "--outputs-file", outputsFile.toString(), "--progress", "events"));
    }

    /** Destroys every stack of the assembly. */
    public void destroy(Path assembly) {
        run("destroy", List.of("destroy", "--app", assembly.toString(), "--all", "--force"));
    }

    private void run(String step, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("npx", "--yes", "aws-cdk@" + CLI_VERSION));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("CDK_DISABLE_VERSION_CHECK", "1");
        StringBuilder output = new StringBuilder();
        Process process = null;
        try {
            process = builder.start();
            process.getOutputStream().close(); // the CLI asks nothing (--require-approval never, --force)
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.append(line).append('\n');
                    lines.accept(line);
                }
            }
            if (process.waitFor() != 0) {
                throw DeployFailure.from(step, output.toString());
            }
        } catch (IOException e) {
            throw new DeployFailure("cdk " + step, "Cannot run the CDK CLI (npx aws-cdk@" + CLI_VERSION + "): "
                    + e.getMessage() + ".", "install Node.js 20 or later (with npx) and run the command again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailure("cdk " + step, "Interrupted.", "run the command again.");
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        }
    }
}
