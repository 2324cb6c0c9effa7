package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A service's output lines reach a consumer as they come, and a failed start still says why. */
class ServiceProcessTest {
    @Test
    void aProcessThatExitsAtOnceHandsOnItsLinesAndItsReasonIsInTheFailure() {
        List<String> forwarded = new CopyOnWriteArrayList<>();
        List<String> command = List.of("sh", "-c", "echo '" + LocalAws.TERMINAL_MARK + "[inbox] hello';"
                + " echo 'moto request log line'; echo 'the saved state cannot be read' >&2; exit 3");

        assertThatThrownBy(() -> ServiceProcess.start("The test service", command, Map.of(),
                URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(10), Duration.ofSeconds(2),
                LocalAws.terminalLines(forwarded::add)))
                .hasMessageStartingWith("The test service exited with status 3:")
                .hasMessageContaining("moto request log line").hasMessageContaining("the saved state cannot be read");
        assertThat(forwarded).containsExactly("[inbox] hello");
    }
}
