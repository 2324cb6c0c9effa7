package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.CdkCli;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one of the frontend's stories in {@code src/test/node/deployed} (Node's test runner, the real aws-amplify
 * client) against a backend deployed to a {@link LocalAws}, and asserts that every test in it passed.
 */
final class NodeStory {
    private static final Path PROJECT = SampleAssembly.PROJECT;

    private NodeStory() {
    }

    static void run(LocalAws aws, String storyFile, String email, Map<String, Path> configFiles)
            throws IOException, InterruptedException {
        // Node clients get the address itself: "localhost" may resolve to ::1, where the server does not listen.
        run(aws.endpointByAddress(), storyFile, email, configFiles);
    }

    static void run(URI endpoint, String storyFile, String email, Map<String, Path> configFiles)
            throws IOException, InterruptedException {
        run(endpoint, storyFile, email, configFiles, Map.of());
    }

    static void run(URI endpoint, String storyFile, String email, Map<String, Path> configFiles,
            Map<String, String> variables) throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>(variables);
        environment.put("LOCAL_AWS_ENDPOINT", endpoint.toString());
        environment.put("LOCAL_AWS_CONFIRMATION_CODE", LocalAws.CONFIRMATION_CODE);
        environment.put("STORY_EMAIL", email);
        environment.put("AMPLIFY6_MODULES", PROJECT.resolve("target/node-amplify6/node_modules").toString());
        environment.put("AMPLIFY5_MODULES", PROJECT.resolve("target/node-amplify5/node_modules").toString());
        environment.put("NODE_PATH", PROJECT.resolve("target/node-test/node_modules").toString());
        configFiles.forEach((name, file) -> environment.put(name, file.toString()));
        // aws-amplify subscribes over wss:// with the browser's WebSocket: Node.js 20 has it behind a flag, and the
        // local GraphQL service's certificate is self-signed
        environment.put("NODE_EXTRA_CA_CERTS", LocalGraphql.certificate().toString());
        CdkCli.Result result = CdkCli.Processes.run(PROJECT, List.of("node", "--experimental-websocket", "--test",
                PROJECT.resolve("src/test/node/deployed").resolve(storyFile).toString()), environment,
                Duration.ofMinutes(3));
        System.out.printf("%s: %.1f s%n", storyFile, result.took().toMillis() / 1000.0);
        assertThat(result.exitCode()).as(storyFile + " against the deployed pool:\n" + result.output()).isZero();
        assertThat(result.output()).as(storyFile).contains("# fail 0").doesNotContain("# pass 0\n");
    }
}
