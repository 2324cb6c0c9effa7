package dev.gen2.deploy;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real CDK toolkit, the CLI {@code aws-cdk@2.1148.1} run with {@code npx}, on a cloud assembly that was
 * synthesized in this JVM ({@code --app <assembly>}, so the CLI never runs the app). The CLI rather than
 * {@code @aws-cdk/toolkit-lib}: it is what CDK users and this project's tests already run, it needs no Node code of
 * ours, and its {@code --hotswap-fallback} is Amplify's sandbox method (hotswap, else a full deploy).
 *
 * <p>What the CLI prints goes to a log file, the latest run's in full; the terminal gets one {@link DeployProgress}
 * line per stack ({@link CdkOutputReader}), and, when the CLI fails, the last lines of the log and a
 * {@link DeployFailure} saying what to do.
 */
public final class CdkToolkit {
    /** The CLI version that reads this aws-cdk-lib's cloud assemblies (3.x cannot). */
    public static final String CLI_VERSION = "2.1148.1";
    /**
     * The Node.js LTS the CLI is meant to run on (the README and the CI templates name it): the AWS SDK for
     * JavaScript inside the CLI drops Node.js 20 in January 2027.
     */
    public static final int NODE_MAJOR = 22;
    private static final Pattern OLD_NODE = Pattern.compile(
            "NodeVersionSupportWarning:[\\s\\S]*?You are running node (v\\d+(?:\\.\\d+)*)");

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
    private final Path log;
    private final DeployProgress progress;
    private final List<String> command;

    /**
     * @param workingDirectory where the CLI runs (the project)
     * @param environment variables added to this process's for the CLI (credentials, region, endpoint)
     * @param log the file that receives everything the CLI prints, replaced on each run
     * @param progress receives the lines the terminal shows
     */
    public CdkToolkit(Path workingDirectory, Map<String, String> environment, Path log, DeployProgress progress) {
        this(workingDirectory, environment, log, progress, List.of("npx", "--yes", "aws-cdk@" + CLI_VERSION));
    }

    /** As the public constructor, with another program in place of the CDK CLI (tests). */
    CdkToolkit(Path workingDirectory, Map<String, String> environment, Path log, DeployProgress progress,
            List<String> command) {
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.progress = progress;
        this.command = List.copyOf(command);
    }

    /** The file the CLI's output goes to. */
    public Path log() {
        return log;
    }

    /** {@code cdk bootstrap aws://ACCOUNT/REGION}: the local AWS needs it once. */
    public void bootstrap(Path assembly, String account, String region) {
        run("bootstrap", List.of("bootstrap", "aws://" + account + "/" + region, "--app", assembly.toString()));
    }

    /** Deploys every stack of the assembly, writing the root stack's outputs to {@code outputsFile}. */
    public List<StackResult> deploy(Path assembly, Method method, Path outputsFile) {
        return run("deploy", List.of("deploy", "--app", assembly.toString(), "--all", "--require-approval", "never",
                method.flag, "--outputs-file", outputsFile.toString(), "--progress", "events"));
    }

    /** Destroys every stack of the assembly. */
    public List<StackResult> destroy(Path assembly) {
        return run("destroy", List.of("destroy", "--app", assembly.toString(), "--all", "--force"));
    }

    private List<StackResult> run(String step, List<String> arguments) {
        List<String> commandLine = new ArrayList<>(command);
        commandLine.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("CDK_DISABLE_VERSION_CHECK", "1");
        StringBuilder output = new StringBuilder();
        Deque<String> tail = new ArrayDeque<>();
        CdkOutputReader reader = new CdkOutputReader(progress::stack);
        long start = System.nanoTime();
        Process process = null;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            progress.toolkitLog(log);
            try (BufferedWriter logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                logWriter.write("$ cdk " + String.join(" ", arguments) + "\n");
                process = builder.start();
                process.getOutputStream().close(); // the CLI asks nothing (--require-approval never, --force)
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        logWriter.write(line);
                        logWriter.write('\n');
                        logWriter.flush(); // so that `tail -f` follows a long deploy
                        output.append(line).append('\n');
                        tail.addLast(line);
                        if (tail.size() > 4 * DeployProgress.FAILURE_TAIL_LINES) {
                            tail.removeFirst();
                        }
                        reader.accept(line);
                    }
                }
            }
            int exitCode = process.waitFor();
            Matcher oldNode = OLD_NODE.matcher(output);
            if (oldNode.find()) {
                progress.oldNode(oldNode.group(1));
            }
            if (exitCode != 0) {
                progress.toolkitFailed(log, List.copyOf(tail));
                throw DeployFailure.from(step, output.toString(), log);
            }
            progress.toolkit(step, Duration.ofNanos(System.nanoTime() - start));
            return reader.results();
        } catch (IOException e) {
            throw new DeployFailure("cdk " + step, "Cannot run the CDK CLI (npx aws-cdk@" + CLI_VERSION + ") or write"
                    + " its log " + log + ": " + e.getMessage() + ".", "install Node.js " + NODE_MAJOR + " LTS (with"
                    + " npx), check that " + log.toAbsolutePath().getParent() + " is writable, and run the command"
                    + " again.");
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
