package dev.gen2.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code sandbox --stream-function-logs} on AWS: follows the sandbox's functions' CloudWatch Logs groups on a daemon
 * thread, polling each with {@code FilterLogEvents} every {@link #INTERVAL}, and prints each new event as
 * {@code [<friendly name>] <message>} (the local runtime's format) or appends it to the out file. After each deploy
 * {@link #follow} gives it the functions deployed; {@link #close()} stops it.
 */
public final class FunctionLogStream implements AutoCloseable {
    /** How often the log groups are polled. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    /** A function whose logs are followed: Amplify's friendly name and its log group. */
    public record LoggedFunction(String friendlyName, String logGroup) {
        /** A Lambda function's own log group, {@code /aws/lambda/<FunctionName>}. */
        public static LoggedFunction lambda(String friendlyName, String functionName) {
            return new LoggedFunction(friendlyName, "/aws/lambda/" + functionName);
        }
    }

    /**
     * What the command line asked for.
     *
     * @param filters regexes, any of which a friendly name must contain (all functions when empty)
     * @param outFile where the lines go instead of the terminal
     */
    public record Options(List<Pattern> filters, Optional<Path> outFile) {
        public Options {
            filters = List.copyOf(filters);
        }

        public boolean includes(String friendlyName) {
            return filters.isEmpty() || filters.stream().anyMatch(filter -> filter.matcher(friendlyName).find());
        }
    }

    private final CloudWatchLogsClient logs;
    private final Options options;
    private final DeployProgress progress;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    /** Per log group: the timestamp read up to, and the ids of the events at that timestamp already shown. */
    private final Map<String, Position> positions = new HashMap<>();
    private List<LoggedFunction> followed = List.of();
    private boolean started;

    private static final class Position {
        long since;
        final Set<String> shownAtSince = new HashSet<>();

        Position(long since) {
            this.since = since;
        }
    }

    /** @param logs the client it polls with, closed with the stream */
    public FunctionLogStream(CloudWatchLogsClient logs, Options options, DeployProgress progress) {
        this(logs, options, progress, INTERVAL, Clock.systemUTC());
    }

    FunctionLogStream(CloudWatchLogsClient logs, Options options, DeployProgress progress, Duration interval,
            Clock clock) {
        this.logs = logs;
        this.options = options;
        this.progress = progress;
        this.interval = interval;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gen2-function-logs");
            thread.setDaemon(true); // never keeps the JVM up on its own
            return thread;
        });
    }

    /**
     * Follows these functions from now on (those the filters include); a function followed already keeps its place,
     * a new one starts at the present. The first call starts polling.
     */
    public synchronized void follow(List<LoggedFunction> functions) {
        List<LoggedFunction> included = functions.stream().filter(f -> options.includes(f.friendlyName())).toList();
        long now = clock.millis();
        included.forEach(function -> positions.computeIfAbsent(function.logGroup(), group -> new Position(now)));
        positions.keySet().retainAll(included.stream().map(LoggedFunction::logGroup).toList());
        followed = included;
        progress.info("streaming the logs of " + (included.isEmpty() ? "no function"
                : String.join(", ", included.stream().map(LoggedFunction::friendlyName).toList()))
                + options.outFile().map(file -> " to " + file).orElse(""));
        if (!started && !poller.isShutdown()) {
            started = true;
            poller.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops polling and closes the client (this stream's own); returns once a poll under way has finished. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            logs.close();
        }
    }

    /** Whether the polling thread has stopped (after {@link #close()}). */
    boolean stopped() {
        return poller.isTerminated();
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (SdkException e) {
            // a network hiccup or throttling: the next poll tries again from the same place
        } catch (RuntimeException e) {
            progress.error("function logs: " + e.getMessage());
        }
    }

    /** One round over the followed log groups, oldest event first in each. */
    synchronized void poll() {
        for (LoggedFunction function : followed) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Position position = positions.get(function.logGroup());
            for (FilteredLogEvent event : newEvents(function.logGroup(), position)) {
                emit(function.friendlyName(), event.message());
            }
        }
    }

    private List<FilteredLogEvent> newEvents(String logGroup, Position position) {
        List<FilteredLogEvent> events = new ArrayList<>();
        String token = null;
        try {
            do {
                FilterLogEventsResponse page = logs.filterLogEvents(FilterLogEventsRequest.builder()
                        .logGroupName(logGroup).startTime(position.since).nextToken(token).build());
                events.addAll(page.events());
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (ResourceNotFoundException e) {
            return List.of(); // the function has not run yet: Lambda creates its log group on the first run
        }
        events.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        // startTime is inclusive: events at the last timestamp come again, and are shown only once
        List<FilteredLogEvent> fresh = new ArrayList<>();
        for (FilteredLogEvent event : events) {
            if (event.timestamp() > position.since) {
                position.since = event.timestamp();
                position.shownAtSince.clear();
            }
            if (position.shownAtSince.add(event.eventId())) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    private void emit(String friendlyName, String message) {
        if (options.outFile().isEmpty()) {
            progress.functionLog(friendlyName, message);
            return;
        }
        try {
            Files.writeString(options.outFile().get(), DeployProgress.functionLogLine(friendlyName, message)
                    + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + options.outFile().get() + ": " + e.getMessage(), e);
        }
    }
}
