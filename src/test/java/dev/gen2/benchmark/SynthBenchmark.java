package dev.gen2.benchmark;

import dev.gen2.synthserver.RunningSynthServers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Synth speed and memory, side by side with Amplify Gen 2's TypeScript library, as whole processes. Prints figures;
 * it is not a test. Run it from the project directory with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gen2.benchmark.SynthBenchmark}
 * and optionally {@code -Dexec.args="--runs 5 --models 10,50,100,200,500"}. The first run installs Amplify's
 * packages into {@code target/amplify-bench} ({@code src/test/benchmark/amplify-setup.sh}).
 */
public final class SynthBenchmark {
    private static final String CDK = "aws-cdk@2.1148.1";
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final List<String> SYNTH = List.of("npx", "--yes", CDK, "synth", "--quiet");

    private final Path project = Path.of("").toAbsolutePath();
    private final Path amplify = project.resolve("target/amplify-bench");
    private final Path scratch;
    private final int runs;

    private SynthBenchmark(int runs) throws IOException {
        this.runs = runs;
        this.scratch = Files.createTempDirectory("gen2-benchmark");
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        List<Integer> models = List.of(10, 50, 100, 200, 500);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--models" -> models = Stream.of(args[i + 1].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --runs N or"
                        + " --models 10,50,...");
            }
        }
        SynthBenchmark benchmark = new SynthBenchmark(runs);
        benchmark.installAmplify();
        benchmark.sample();
        benchmark.inOneJvm();
        benchmark.scale(models);
        benchmark.testSuite();
        System.exit(0);
    }

    private void installAmplify() throws IOException, InterruptedException {
        Process setup = new ProcessBuilder("bash", "src/test/benchmark/amplify-setup.sh", amplify.toString())
                .inheritIO().start();
        if (setup.waitFor() != 0) {
            throw new IllegalStateException("Installing Amplify Gen 2 into " + amplify + " failed; see above.");
        }
    }

    /** The sample through cdk.json, each way, at both validation settings. */
    private void sample() throws Exception {
        System.out.printf("%n== The sample backend (auth, data, storage, two functions): `cdk synth --quiet` through"
                + " cdk.json, whole processes, %d runs each ==%n", runs);
        System.out.printf("%-15s | %-44s | %-44s | %-44s | %s%n", "validation", "ours, synth server warm",
                "ours, a JVM of its own (GEN2_SYNTH_SERVER=off)", "Amplify Gen 2", "ratios to Amplify (median)");
        for (String validation : List.of("true", "false")) {
            // a short directory: a Unix socket's path has at most 107 bytes
            Path sockets = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "gen2-benchmark-"
                    + ProcessHandle.current().pid() + "-" + validation));
            Map<String, String> server = Map.of("CDK_VALIDATION", validation, "GEN2_SYNTH_SERVER", "on", "TMPDIR",
                    sockets.toString());
            Supplier<List<ProcessHandle>> servers = () -> RunningSynthServers.under(sockets);
            TimedProcess.Run first = TimedProcess.run(project, SYNTH, server, TIMEOUT, servers);
            Series warm = series(project, SYNTH, server, servers);
            Series own = series(project, SYNTH, Map.of("CDK_VALIDATION", validation, "GEN2_SYNTH_SERVER", "off"),
                    List::of);
            Series theirs = series(amplify, SYNTH, Map.of("CDK_VALIDATION", validation), List::of);
            RunningSynthServers.under(sockets).forEach(ProcessHandle::destroy);
            System.out.printf("%-15s | %-44s | %-44s | %-44s | %.2f warm, %.2f own JVM%n",
                    validation.equals("true") ? "on (default)" : "off", warm, own, theirs,
                    warm.median() / theirs.median(), own.median() / theirs.median());
            System.out.printf("%-15s   ours, the first synth, which starts the server: %.2f s, %.0f MiB%n", "",
                    first.seconds(), first.peakMiB());
        }
        System.out.println("Memory: the peak, over 50 ms samples, of the resident memory of the CLI, the app and its"
                + " jsii kernel, and for 'warm' the synth server (its JVM and jsii kernel) too.");
    }

    /** The test kit's synths and the sandbox's re-synth, inside one JVM. */
    private void inOneJvm() throws Exception {
        System.out.printf("%n== Inside one JVM (the sample; CDK validation off, as in the tests) ==%n");
        Path log = Files.createTempFile(scratch, "in-jvm", ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-cp", testClasspath(), InJvmSynths.class.getName(),
                Integer.toString(runs)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CDK_VALIDATION", "false");
        Process process = builder.start();
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, TimedProcess.residentKiB(Stream.of(process.toHandle())));
            Thread.sleep(50);
        }
        Files.readAllLines(log).stream().filter(line -> !line.startsWith("!!") && !line.isBlank())
                .forEach(System.out::println);
        System.out.printf("peak resident memory of that JVM and its jsii kernel: %d MiB%n", peak / 1024);
    }

    /** Auth and N models in pairs, ours and Amplify's, validation off, one run each. */
    private void scale(List<Integer> sizes) throws Exception {
        System.out.printf("%n== Scale: email auth, group ADMINS and N models in parent-child pairs (owner and group"
                + " rules, a has-many/belongs-to per pair, a secondary index each); `cdk synth --quiet`, CDK"
                + " validation off, one run each ==%n");
        System.out.printf("%-7s | %-26s | %-26s | %s%n", "models", "ours (a JVM of its own)", "Amplify Gen 2",
                "ratio");
        String app = "java -cp " + testClasspath() + " dev.gen2.backend.data.ScaleBackendApp";
        // Amplify is not run past the size it first fails at (a larger schema fails the same way, only later)
        int amplifyFailedAt = 0;
        for (int models : sizes) {
            Map<String, String> env = Map.of("CDK_VALIDATION", "false", "BENCH_MODELS", Integer.toString(models));
            List<String> ours = new ArrayList<>(SYNTH);
            ours.addAll(List.of("--app", app, "--output", scratch.resolve("ours-" + models).toString()));
            TimedProcess.Run our = TimedProcess.run(project, ours, env, TIMEOUT, List::of);
            if (amplifyFailedAt > 0) {
                System.out.printf("%-7d | %-26s | %-26s | -%n", models, describe(our), "not run: failed at "
                        + amplifyFailedAt);
                continue;
            }
            List<String> amplifys = new ArrayList<>(SYNTH);
            amplifys.addAll(List.of("--output", scratch.resolve("amplify-" + models).toString()));
            TimedProcess.Run their = TimedProcess.run(amplify, amplifys, env, TIMEOUT, List::of);
            if (!their.succeeded()) {
                amplifyFailedAt = models;
            }
            System.out.printf("%-7d | %-26s | %-26s | %s%n", models, describe(our), describe(their),
                    our.succeeded() && their.succeeded() ? String.format("%.2f", our.seconds() / their.seconds())
                            : "-");
            for (TimedProcess.Run failed : List.of(our, their)) {
                if (!failed.succeeded()) {
                    System.out.printf("%-7s   %s failed: %s%n", "", failed == our ? "ours" : "Amplify",
                            failed.failure());
                }
            }
        }
    }

    /** The last `mvn verify`'s test times, from its reports. */
    private void testSuite() throws IOException {
        System.out.printf("%n== The test suite (from the reports of the last `mvn verify`) ==%n");
        for (String reports : List.of("target/surefire-reports", "target/failsafe-reports")) {
            Path directory = project.resolve(reports);
            if (!Files.isDirectory(directory)) {
                System.out.println(reports + ": none; run `mvn verify` first");
                continue;
            }
            double seconds = 0;
            int tests = 0;
            Pattern suite = Pattern.compile("<testsuite [^>]*?time=\"([0-9.,]+)\"[^>]*?tests=\"(\\d+)\"");
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                    Matcher matcher = suite.matcher(Files.readString(file));
                    if (matcher.find()) {
                        seconds += Double.parseDouble(matcher.group(1).replace(",", ""));
                        tests += Integer.parseInt(matcher.group(2));
                    }
                }
            }
            System.out.printf("%s: %d tests, %.0f s in their classes%n", reports, tests, seconds);
        }
    }

    private Series series(Path directory, List<String> command, Map<String, String> environment,
            Supplier<List<ProcessHandle>> alsoCount) throws Exception {
        List<TimedProcess.Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            TimedProcess.Run run = TimedProcess.run(directory, command, environment, TIMEOUT, alsoCount);
            if (!run.succeeded()) {
                throw new IllegalStateException("`" + String.join(" ", command) + "` in " + directory + " failed: "
                        + run.failure());
            }
            all.add(run);
        }
        return new Series(all);
    }

    private static String describe(TimedProcess.Run run) {
        return run.succeeded() ? String.format("%.2f s, %.0f MiB", run.seconds(), run.peakMiB())
                : String.format("failed after %.2f s", run.seconds());
    }

    /** The project's classes, test classes and compile-scope dependencies, for the JVMs the benchmark starts. */
    private String testClasspath() throws IOException {
        return String.join(File.pathSeparator, project.resolve("target/test-classes").toString(),
                project.resolve("target/classes").toString(),
                Files.readString(project.resolve("target/classpath.txt")).trim());
    }

    /** Runs of one command: seconds and peak MiB. */
    private record Series(List<TimedProcess.Run> runs) {
        double median() {
            return Figures.of(runs.stream().map(TimedProcess.Run::seconds).toList()).median();
        }

        @Override
        public String toString() {
            Figures seconds = Figures.of(runs.stream().map(TimedProcess.Run::seconds).toList());
            Figures memory = Figures.of(runs.stream().map(TimedProcess.Run::peakMiB).toList());
            return String.format("%.2f s (%.2f-%.2f), %.0f MiB", seconds.median(), seconds.min(), seconds.max(),
                    memory.max());
        }
    }
}
