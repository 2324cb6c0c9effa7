package dev.gen2.backend;

import dev.gen2.deploy.CdkToolkit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real CDK CLI ({@code npx aws-cdk@<version>}) run from a test, in the project directory, its output kept for
 * the assertion message: the version the product's commands run ({@link CdkToolkit#CLI_VERSION}).
 */
public final class CdkCli {
    public static final String VERSION = CdkToolkit.CLI_VERSION;

    private CdkCli() {
    }

    /** What a run printed (standard output and error together) and how it ended. */
    public record Result(int exitCode, String output, Duration took) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code cdk ARGS} in the project directory with the given extra environment; killed past the timeout. */
    public static Result run(Map<String, String> environment, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        return runIn(Path.of("."), environment, timeout, arguments);
    }

    /** Runs {@code cdk ARGS} in the given directory. */
    public static Result runIn(Path directory, Map<String, String> environment, Duration timeout,
            String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npx", "--yes", "aws-cdk@" + VERSION));
        command.addAll(List.of(arguments));
        return Processes.run(directory, command, environment, timeout);
    }

    /** {@code gen2 ARGS} as a command line for a JVM of its own, with the test JVM's classpath. */
    public static List<String> gen2Command(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", testClasspath(), "dev.gen2.cli.Gen2Cli"));
        command.addAll(arguments);
        return command;
    }

    /** The test JVM's full classpath (the test classes, the main classes and every dependency). */
    public static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Runs programs for tests: output to a file (no pipe to fill), killed with its children past the timeout. */
    public static final class Processes {
        private Processes() {
        }

        public static Result run(Path directory, List<String> command, Map<String, String> environment,
                Duration timeout) throws IOException, InterruptedException {
            return run(directory, command, environment, timeout, name -> false);
        }

        /** As {@link #run(Path, List, Map, Duration)}, first removing the inherited variables {@code unset} names. */
        public static Result run(Path directory, List<String> command, Map<String, String> environment,
                Duration timeout, Predicate<String> unset) throws IOException, InterruptedException {
            Path log = Files.createTempFile("gen2-test-process", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                                .toFile()));
                builder.environment().keySet().removeIf(unset);
                builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
                builder.environment().putAll(environment);
                long start = System.nanoTime();
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command) + "\n"
                            + Files.readString(log, StandardCharsets.UTF_8), timeout);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), took);
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }
}
