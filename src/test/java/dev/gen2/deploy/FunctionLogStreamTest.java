package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.localaws.LocalAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/** {@link FunctionLogStream} against the local AWS's CloudWatch Logs (moto's). Each test uses log groups of its own. */
class FunctionLogStreamTest {
    private static final Duration FAST = Duration.ofMillis(100);
    private static LocalAws localAws;
    private static AwsConnection connection;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void startLocalAws() throws Exception {
        localAws = LocalAws.start();
        connection = AwsConnection.local(localAws.endpoint(), LocalAws.REGION, LocalAws.ACCESS_KEY_ID,
                LocalAws.SECRET_ACCESS_KEY);
        logs = client();
    }

    @AfterAll
    static void stopLocalAws() {
        if (logs != null) {
            logs.close();
        }
        if (localAws != null) {
            localAws.close();
        }
    }

    private static CloudWatchLogsClient client() {
        return connection.configure(CloudWatchLogsClient.builder()).build();
    }

    /** A function that has run: its log group and one stream, as Lambda creates them. */
    private static FunctionLogStream.LoggedFunction function(String friendlyName, String functionName) {
        FunctionLogStream.LoggedFunction function = FunctionLogStream.LoggedFunction.lambda(friendlyName,
                functionName);
        logs.createLogGroup(r -> r.logGroupName(function.logGroup()));
        logs.createLogStream(r -> r.logGroupName(function.logGroup()).logStreamName("2026/12/07/[$LATEST]abc"));
        return function;
    }

    private static void put(FunctionLogStream.LoggedFunction function, long timestamp, String... messages) {
        logs.putLogEvents(r -> r.logGroupName(function.logGroup()).logStreamName("2026/12/07/[$LATEST]abc")
                .logEvents(java.util.Arrays.stream(messages)
                        .map(m -> InputLogEvent.builder().timestamp(timestamp).message(m).build()).toList()));
    }

    private static FunctionLogStream stream(List<String> lines, List<String> filters, Optional<Path> outFile) {
        return new FunctionLogStream(client(), new FunctionLogStream.Options(
                filters.stream().map(Pattern::compile).toList(), outFile), new DeployProgress(lines::add), FAST,
                Clock.systemUTC());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void printsEachNewEventOnceWithItsFriendlyNameAndOnlyForFunctionsTheFilterIncludes() throws Exception {
        FunctionLogStream.LoggedFunction sayHello = function("say-hello", "amplify-app-me-sandbox-sayhello-AbC1");
        FunctionLogStream.LoggedFunction report = function("report", "amplify-app-me-sandbox-report-XyZ2");
        FunctionLogStream.LoggedFunction sayBye = function("say-bye", "amplify-app-me-sandbox-saybye-QrS3");
        put(sayHello, System.currentTimeMillis() - 60_000, "from before the stream started");
        List<String> lines = new CopyOnWriteArrayList<>();
        try (FunctionLogStream stream = stream(lines, List.of("^say-"), Optional.empty())) {
            stream.follow(List.of(sayHello, report, sayBye));
            long now = System.currentTimeMillis();
            put(sayHello, now, "INFO hello, Ada\n", "END RequestId: 42");
            put(report, now, "not streamed: the filter leaves report out");
            put(sayBye, now + 1, "bye");
            await(() -> lines.size() >= 4);
            Thread.sleep(FAST.toMillis() * 5); // more polls: events at the last timestamp come back, shown once
            assertThat(lines).containsExactly(
                    "[gen2] streaming the logs of say-hello, say-bye",
                    "[say-hello] INFO hello, Ada",
                    "[say-hello] END RequestId: 42",
                    "[say-bye] bye");
        }
    }

    @Test
    void readsEveryPageOfAPollFollowingNextToken() throws Exception {
        FunctionLogStream.LoggedFunction busy = function("busy", "amplify-app-me-sandbox-busy-Kl6");
        List<String> lines = new CopyOnWriteArrayList<>();
        try (FunctionLogStream stream = stream(lines, List.of(), Optional.empty())) {
            long now = System.currentTimeMillis();
            // more than one page (FilterLogEvents returns at most 10,000 events at a time), after the start
            put(busy, now + 5_000, java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "line " + i)
                    .toArray(String[]::new));
            put(busy, now + 5_001, java.util.stream.IntStream.range(10_000, 10_050).mapToObj(i -> "line " + i)
                    .toArray(String[]::new));
            stream.follow(List.of(busy));
            await(() -> lines.size() >= 10_051);
            Thread.sleep(FAST.toMillis() * 5);
        }
        assertThat(lines).hasSize(10_051);
        assertThat(lines.get(1)).isEqualTo("[busy] line 0");
        assertThat(lines.get(10_050)).isEqualTo("[busy] line 10049");
    }

    @Test
    void appendsToTheOutFileInsteadOfPrinting(@TempDir Path directory) throws Exception {
        FunctionLogStream.LoggedFunction reporter = function("reporter", "amplify-app-me-sandbox-reporter-Fg4");
        Path file = directory.resolve("function-logs.txt");
        Files.writeString(file, "kept\n");
        List<String> lines = new CopyOnWriteArrayList<>();
        try (FunctionLogStream stream = stream(lines, List.of(), Optional.of(file))) {
            stream.follow(List.of(reporter));
            put(reporter, System.currentTimeMillis(), "report ready: 3 rows");
            await(() -> {
                try {
                    return Files.readAllLines(file).size() >= 2;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
        assertThat(Files.readAllLines(file)).containsExactly("kept", "[reporter] report ready: 3 rows");
        assertThat(lines).containsExactly("[gen2] streaming the logs of reporter to " + file);
    }

    @Test
    void stopsWhenClosedAndFollowsAFunctionWhoseLogGroupAppearsLater() throws Exception {
        FunctionLogStream.LoggedFunction late = FunctionLogStream.LoggedFunction.lambda("late",
                "amplify-app-me-sandbox-late-Hj5");
        List<String> lines = new CopyOnWriteArrayList<>();
        FunctionLogStream stream = stream(lines, List.of(), Optional.empty());
        stream.follow(List.of(late));
        Thread.sleep(FAST.toMillis() * 3); // polls a log group that does not exist yet, quietly
        logs.createLogGroup(r -> r.logGroupName(late.logGroup()));
        logs.createLogStream(r -> r.logGroupName(late.logGroup()).logStreamName("2026/12/07/[$LATEST]abc"));
        put(late, System.currentTimeMillis(), "first run");
        await(() -> lines.size() >= 2);
        stream.close();
        assertThat(stream.stopped()).isTrue();
        put(late, System.currentTimeMillis() + 1, "after the session stopped");
        Thread.sleep(FAST.toMillis() * 5);
        assertThat(lines).containsExactly("[gen2] streaming the logs of late", "[late] first run");
    }
}
