package dev.gen2.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.CdkCli;
import dev.gen2.backend.DeploymentType;
import dev.gen2.cli.Gen2Cli;
import dev.gen2.localaws.LocalAws;
import dev.gen2.localaws.LocalCli;
import dev.gen2.localaws.SampleAssembly;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local data plane, measured through the real clients (issue 19, part G): the sample deployed by the real CDK CLI
 * to a {@link LocalAws} on free ports, then aws-amplify 6's {@code client.models.Todo} create, get and list (median
 * and 95th percentile), the time from a create to the owner's {@code onCreate} event, and the time from a function's
 * new code (UpdateFunctionCode, what a hotswap does) to the next invocation running it, for the Node.js
 * post-confirmation function and the Java report function. Prints one table with the goals beside the figures; it
 * is not a test. Run it from the project directory (after {@code src/test/scripts/node-modules.sh} has installed
 * {@code target/node-amplify6}) with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.gen2.benchmark.LocalDataPlaneBenchmark -Dexec.args="--runs 200 --subscription-runs 50"}.
 */
public final class LocalDataPlaneBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = SampleAssembly.PROJECT;
    private static final Path SCRIPT = PROJECT.resolve("src/test/benchmark/local/data-plane.mjs");
    private static final int SWAPS = 5;

    /** How many samples to take. */
    record Settings(int runs, int warmup, int subscriptionRuns) {
        static Settings parse(String[] args) {
            Map<String, Integer> values = new LinkedHashMap<>(Map.of("--runs", 200, "--warmup", 20,
                    "--subscription-runs", 50));
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 == args.length) {
                    throw new IllegalArgumentException("unknown option or no value: " + args[i] + "; options, each with"
                            + " a number: " + values.keySet());
                }
                values.put(args[i], Integer.parseInt(args[i + 1]));
            }
            return new Settings(values.get("--runs"), values.get("--warmup"), values.get("--subscription-runs"));
        }
    }

    private LocalDataPlaneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        String loadBefore = loadAverage();
        Path work = Files.createDirectories(PROJECT.resolve("target/benchmark/local-" + ProcessHandle.current().pid()));
        Path assembly = SampleAssembly.synth(work.resolve("sample"), "bench", DeploymentType.SANDBOX, "");
        try (LocalAws aws = LocalAws.start()) {
            LocalCli cli = new LocalCli(aws);
            cli.bootstrap(assembly);
            Path cdkOutputs = work.resolve("cdk-outputs.json");
            cli.deploy(assembly, cdkOutputs);
            Path outputs = amplifyOutputs(aws, cdkOutputs, work.resolve("outputs"));
            JsonNode client = clientFigures(aws, outputs, localCertificate(aws, work), settings);
            LambdaApi lambda = new LambdaApi(aws.endpointByAddress());
            List<CodeSwapTiming.Swap> node = nodeSwaps(lambda, assembly);
            List<CodeSwapTiming.Swap> java = javaSwaps(lambda, work);
            print(settings, client, node, java);
            System.out.printf("%nLoad average (1, 5, 15 min) before the run: %s, after: %s%n", loadBefore,
                    loadAverage());
        }
    }

    /** {@code gen2 generate outputs} from the deployed root stack, as {@code sandbox --local} writes them. */
    private static Path amplifyOutputs(LocalAws aws, Path cdkOutputs, Path directory) throws IOException {
        Iterator<String> stacks = JSON.readTree(cdkOutputs.toFile()).fieldNames();
        // the AWS SDK for Java in this JVM signs with the local AWS's keys
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_ACCESS_KEY);
        String stack = stacks.next();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "generate", "outputs",
                "--stack", stack, "--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString(),
                "--out-dir", directory.toString());
        if (status != 0) {
            throw new IllegalStateException("gen2 generate outputs failed: " + err);
        }
        return directory.resolve("amplify_outputs.json");
    }

    /** Runs the Node script with the real aws-amplify 6 and returns the samples it printed. */
    private static JsonNode clientFigures(LocalAws aws, Path outputs, Path certificate, Settings settings)
            throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>();
        // aws-amplify 6 subscribes over wss:// only: Node.js trusts the local service's certificate as a browser would
        environment.put("NODE_EXTRA_CA_CERTS", certificate.toString());
        // Node.js gets the address itself: "localhost" may resolve to ::1, where the server does not listen.
        environment.put("LOCAL_AWS_ENDPOINT", aws.endpointByAddress().toString());
        environment.put("LOCAL_AWS_CONFIRMATION_CODE", LocalAws.CONFIRMATION_CODE);
        environment.put("AMPLIFY_OUTPUTS", outputs.toString());
        environment.put("AMPLIFY6_MODULES", PROJECT.resolve("target/node-amplify6/node_modules").toString());
        environment.put("BENCH_EMAIL", "bench@example.com");
        environment.put("BENCH_RUNS", String.valueOf(settings.runs()));
        environment.put("BENCH_WARMUP", String.valueOf(settings.warmup()));
        environment.put("BENCH_SUBSCRIPTION_RUNS", String.valueOf(settings.subscriptionRuns()));
        CdkCli.Result result = CdkCli.Processes.run(PROJECT, List.of("node", "--experimental-websocket",
                SCRIPT.toString()), environment,
                Duration.ofMinutes(20));
        String line = result.output().lines().filter(text -> text.startsWith("FIGURES ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(SCRIPT.getFileName() + " failed (status "
                        + result.exitCode() + "):\n" + result.output()));
        return JSON.readTree(line.substring("FIGURES ".length()));
    }

    /** The local GraphQL service's self-signed certificate, which its wss:// side presents. */
    private static Path localCertificate(LocalAws aws, Path work) throws IOException, InterruptedException {
        HttpResponse<Path> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(aws.graphqlEndpoint().resolve("/certificate.pem")).build(),
                HttpResponse.BodyHandlers.ofFile(work.resolve("local-graphql.pem")));
        if (response.statusCode() != 200) {
            throw new IOException("GET /certificate.pem of the local GraphQL service answered " + response.statusCode());
        }
        return response.body();
    }

    /** Five edits of the post-confirmation function's index.js, each answering with its version. */
    private static List<CodeSwapTiming.Swap> nodeSwaps(LambdaApi lambda, Path assembly) throws IOException, InterruptedException {
        String function = lambda.functionName("postConfirmation");
        String event = "{\"version\":\"1\",\"triggerSource\":\"PostConfirmation_ConfirmSignUp\",\"region\":\""
                + LocalAws.REGION + "\",\"userPoolId\":\"us-east-1_bench\",\"userName\":\"bench\",\"request\":"
                + "{\"userAttributes\":{\"sub\":\"bench\",\"email\":\"bench@example.com\"}},\"response\":{}}";
        lambda.invoke(function, event);
        List<CodeSwapTiming.Version> versions = new ArrayList<>();
        for (int version = 1; version <= SWAPS; version++) {
            String mark = "\"codeVersion\":" + version;
            versions.add(new CodeSwapTiming.Version(ChangedFunctionCode.postConfirmation(assembly, version),
                    answer -> answer.contains(mark)));
        }
        return CodeSwapTiming.measure(lambda, function, event, versions);
    }

    /** The report function's package and the one with a changed handler, in turn. */
    private static List<CodeSwapTiming.Swap> javaSwaps(LambdaApi lambda, Path work)
            throws IOException, InterruptedException {
        String function = lambda.functionName("report");
        lambda.invoke(function, "{}");
        byte[] original = ChangedFunctionCode.report();
        byte[] changed = ChangedFunctionCode.changedReport(work);
        List<CodeSwapTiming.Version> versions = new ArrayList<>();
        for (int swap = 0; swap < SWAPS; swap++) {
            versions.add(swap % 2 == 0
                    ? new CodeSwapTiming.Version(changed, answer -> answer.contains("\"codeVersion\""))
                    : new CodeSwapTiming.Version(original, answer -> !answer.contains("\"codeVersion\"")));
        }
        return CodeSwapTiming.measure(lambda, function, "{}", versions);
    }

    private static void print(Settings settings, JsonNode client, List<CodeSwapTiming.Swap> node,
            List<CodeSwapTiming.Swap> java) {
        System.out.printf(Locale.ROOT, "%nThe local data plane, %s, %d cores; aws-amplify 6 client.models.Todo,"
                + " %d runs after %d warm-up (the owner has %d Todos; a list answers %d)%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), settings.runs(), settings.warmup(),
                client.path("todos").asInt(), client.path("listed").asInt());
        System.out.printf(Locale.ROOT, "%-46s %10s %10s %6s  %-22s %s%n", "measure", "median", "p95", "runs", "goal",
                "met");
        for (String operation : List.of("get", "list", "create")) {
            row(operation + " (through the client)", Latency.of(samples(client.path(operation))), "median < 20 ms",
                    20);
        }
        row("create to the owner's onCreate event", Latency.of(samples(client.path("subscription"))),
                "< 100 ms", 100);
        row("Node.js function: new code to its answer", Latency.of(totals(node)), "< 1 s", 1000);
        row("Java function: new code to its answer", Latency.of(totals(java)), "< 3 s", 3000);
        System.out.println("(Amplify's own sandbox budgets 30 s for a hotswap on AWS.)");
        JsonNode parts = client.path("breakdown");
        System.out.printf(Locale.ROOT, "%nWhere a call's time goes (medians, ms): through aws-amplify, the same"
                + " operation as a plain HTTP request, its DynamoDB call alone against moto (a Scan of at most 100 items"
                + " for list)%n%-8s %12s %12s %12s%n",
                "call", "aws-amplify", "plain HTTP", "DynamoDB");
        for (String[] call : List.of(new String[] {"get", "graphqlGet", "dynamoGet"},
                new String[] {"list", "graphqlList", "dynamoScan"},
                new String[] {"create", "graphqlCreate", "dynamoPut"})) {
            System.out.printf(Locale.ROOT, "%-8s %12.1f %12.1f %12.1f%n", call[0],
                    median(samples(client.path(call[0]))), median(samples(parts.path(call[1]))),
                    median(samples(parts.path(call[2]))));
        }
        System.out.printf(Locale.ROOT, "%nWhere a code swap's time goes (medians, ms):%n%-10s %10s %18s %22s %14s%n",
                "function", "update", "first new answer", "(invocations to it)", "warm invoke");
        parts("Node.js", node);
        parts("Java", java);
    }

    private static void row(String measure, Latency latency, String goal, double goalMillis) {
        System.out.printf(Locale.ROOT, "%-46s %7.1f ms %7.1f ms %6d  %-22s %s%n", measure, latency.median(),
                latency.p95(), latency.count(), goal, latency.median() < goalMillis ? "yes"
                        : String.format(Locale.ROOT, "no, by %.1f ms", latency.median() - goalMillis));
    }

    private static void parts(String name, List<CodeSwapTiming.Swap> swaps) {
        System.out.printf(Locale.ROOT, "%-10s %10.1f %18.1f %22s %14.1f%n", name,
                median(swaps.stream().map(CodeSwapTiming.Swap::update).toList()),
                median(swaps.stream().map(CodeSwapTiming.Swap::firstNewInvocation).toList()),
                swaps.stream().map(swap -> String.valueOf(swap.invocations())).toList(),
                median(swaps.stream().map(CodeSwapTiming.Swap::warmInvocation).toList()));
    }

    /** The machine's load average (shared with other work, it explains the spread), from /proc. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? String.join(" ", List.of(Files.readString(loadavg).split(" ")).subList(0, 3))
                : "unknown";
    }

    private static double median(List<Double> values) {
        return Latency.of(values).median();
    }

    private static List<Double> totals(List<CodeSwapTiming.Swap> swaps) {
        return swaps.stream().map(CodeSwapTiming.Swap::total).toList();
    }

    private static List<Double> samples(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asDouble()));
        return values;
    }
}
