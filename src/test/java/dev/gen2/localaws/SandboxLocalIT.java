package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code gen2 sandbox --local}: with no AWS account, it starts the local AWS, deploys the sample there, writes
 * {@code amplify_outputs.json}, prints the lines a frontend adds, and the sign-up story works on it; stopping the
 * command stops the server.
 */
class SandboxLocalIT {
    private static final Pattern SERVER = Pattern.compile("\\[gen2\\] local AWS on (http://localhost:\\d+) \\(pid (\\d+)\\)");

    @Test
    void aFrontendDeveloperGetsABackendWithNoAccount() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "it", "local-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        SandboxProcess sandbox = SandboxProcess.start(SampleAssembly.PROJECT, List.of("--local", "--once",
                "--identifier", "localdemo", "--outputs-out-dir", out.toString()));
        URI endpoint;
        long serverPid;
        try {
            sandbox.awaitCount(line -> line.startsWith("[gen2] every confirmation code is 123456"), 1,
                    Duration.ofMinutes(4), "the local deploy");
            Matcher server = sandbox.lines().stream().map(SERVER::matcher).filter(Matcher::matches).findFirst()
                    .orElseThrow();
            endpoint = URI.create(server.group(1).replace("localhost", "127.0.0.1"));
            serverPid = Long.parseLong(server.group(2));
            assertThat(sandbox.lines()).anyMatch(line -> line.contains("userPoolEndpoint: '" + endpoint + "'"));
            assertThat(out.resolve("amplify_outputs.json")).exists();
            NodeStory.run(endpoint, "story-v6.test.mjs", "local@example.com",
                    Map.of("AMPLIFY_OUTPUTS", out.resolve("amplify_outputs.json")));
        } finally {
            sandbox.close();
        }
        assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the local AWS stops with the command").isFalse();
    }
}
