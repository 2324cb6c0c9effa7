package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of {@code sandbox --local} that scripts and people pick up: each exactly as documented. */
class DeployProgressTest {
    private final List<String> lines = new ArrayList<>();
    private final DeployProgress progress = new DeployProgress(lines::add);

    @Test
    void theLocalEndpointAndTheInboxAreEachALineOfTheirOwn() {
        progress.localEndpoint(URI.create("http://localhost:20000"));
        progress.localInbox(URI.create("http://localhost:20000/_gen2/inbox"));

        assertThat(lines).containsExactly("AWS_ENDPOINT_URL=http://localhost:20000",
                "INBOX_URL=http://localhost:20000/_gen2/inbox");
    }

    @Test
    void theFrontendLinesNameTheFixedCodeAndTheInbox() {
        progress.localFrontend(URI.create("http://localhost:20000"), "123456", Path.of("/tmp/cert.pem"));

        assertThat(lines).contains("[gen2] every confirmation code is 123456; every message Cognito sends is in the"
                + " inbox at INBOX_URL.");
        assertThat(lines).anyMatch(line -> line.contains("userPoolEndpoint: 'http://127.0.0.1:20000'"));
    }
}
