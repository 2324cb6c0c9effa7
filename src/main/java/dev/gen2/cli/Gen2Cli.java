package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.deploy.DeployFailure;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The gen2-backend command line, Amplify's {@code ampx} for Java backends. */
@Command(name = "gen2", mixinStandardHelpOptions = true, version = "gen2-backend 0.1.0",
        description = "Amplify Gen 2's backend tooling for Java backends.",
        subcommands = {Gen2Cli.GenerateCommand.class, SandboxCommand.class, PipelineDeployCommand.class,
                CheckCommand.class, InitCommand.class})
public final class Gen2Cli {

    /** Exit code of a bad argument or a failure the message explains. */
    static final int USER_ERROR = 1;
    /** Exit code of a failure that is a defect of this tool. */
    static final int INTERNAL_ERROR = 70;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; errors are printed as one line, never a stack trace. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line, printing to the given writers. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Gen2Cli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    if (error instanceof BackendConfigException || error instanceof DeployFailure) {
                        commandLine.getErr().println("error: " + error.getMessage());
                        return USER_ERROR;
                    }
                    // A defect of ours, not of the user's input: still one line, with what to report.
                    commandLine.getErr().println("error: unexpected " + error.getClass().getSimpleName() + ": "
                            + error.getMessage() + " (please report this with the command you ran)");
                    return INTERNAL_ERROR;
                })
                .execute(args);
    }

    /** {@code gen2 generate ...}. */
    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate files from a backend.",
            subcommands = {GenerateOutputsCommand.class})
    static final class GenerateCommand {
    }
}
