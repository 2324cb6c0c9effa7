package dev.gen2.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The schedules of a running local AWS, read and fired through its {@code /_gen2/schedules} routes (schedules.py):
 * what {@code gen2 sandbox schedules} shows and runs.
 */
public final class LocalSchedules {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The longest a function may run (Lambda's 15 minutes), plus the time to start it. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(17);

    /**
     * One schedule.
     *
     * @param nextDue when the timer fires it next (ISO-8601, UTC), if ever
     * @param problem why it never fires, if its expression cannot be read
     */
    public record Schedule(String name, String group, String expression, String timezone, String state,
            String target, Optional<String> nextDue, Optional<String> problem) {
    }

    /**
     * What a fired schedule's function answered.
     *
     * @param functionError Lambda's function error ({@code Unhandled}) when the function failed
     */
    public record Run(String name, String function, String payload, Optional<String> functionError) {
    }

    /** The local AWS answered with an error: its message, one line. */
    public static final class LocalSchedulesException extends IOException {
        LocalSchedulesException(String message) {
            super(message);
        }
    }

    private final URI endpoint;

    /** The schedules of the local AWS at {@code endpoint} ({@code http://localhost:PORT}). */
    public LocalSchedules(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Every schedule, by group and name. */
    public List<Schedule> list() throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(endpoint.resolve("/_gen2/schedules"))
                .timeout(Duration.ofSeconds(30)).GET());
        List<Schedule> schedules = new ArrayList<>();
        for (JsonNode node : answer.path("schedules")) {
            schedules.add(new Schedule(node.path("name").asText(), node.path("group").asText(),
                    node.path("expression").asText(), node.path("timezone").asText(), node.path("state").asText(),
                    node.path("target").asText(), text(node, "nextDue"), text(node, "problem")));
        }
        return schedules;
    }

    /** Fires the schedule {@code name} now, whatever its state, and waits for its function's answer. */
    public Run run(String name) throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(endpoint.resolve("/_gen2/schedules/run?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8))).timeout(RUN_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()));
        return new Run(answer.path("name").asText(), answer.path("function").asText(),
                answer.path("payload").asText(""), text(answer, "functionError"));
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new LocalSchedulesException(answer.path("message").asText("HTTP " + response.statusCode()));
        }
        return answer;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
