package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.localaws.app.AppBackend;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a frontend does after sign-in, against {@code sandbox --local} with the real aws-amplify 6 client: the sample
 * (Todos of two users, a subscription, files, the Java report function through the Lambda API, the post-confirmation
 * trigger's log line in the sandbox's terminal), then a second backend (relationships, the API key and guests,
 * custom operations answered by a Node.js and a Java function, a pre sign-up trigger that refuses a domain).
 */
class LocalAppStoryIT {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:" + LocalAws.SANDBOX_PORT);

    @Test
    void theSampleAppWorksAfterSignIn() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "it", "app-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        try (SandboxProcess sandbox = SandboxProcess.start(SampleAssembly.PROJECT, List.of("--local", "--once",
                "--reset", "--identifier", "appstory", "--outputs-out-dir", out.toString()))) {
            sandbox.awaitCount(line -> line.startsWith("[gen2] serving the local AWS"), 1, Duration.ofMinutes(4),
                    "the local deploy");
            NodeStory.run(ENDPOINT, "app-v6.test.mjs", "unused@example.com",
                    Map.of("AMPLIFY_OUTPUTS", out.resolve("amplify_outputs.json")));
            assertThat(sandbox.lines()).as("the post-confirmation trigger ran, its log line in the terminal")
                    .anyMatch(line -> line.startsWith("[postConfirmation]") && line.contains("user confirmed"));
        }
    }

    @Test
    void aSecondBackendWithFunctionsRelationshipsAndTriggers() throws Exception {
        Path project = Files.createDirectories(Path.of("target", "it", "posts-" + ProcessHandle.current().pid(),
                "project")).toAbsolutePath();
        for (String function : List.of("refuse-domain", "custom-challenge", "echo")) { // the backend names them from the project
            Path source = SampleAssembly.PROJECT.resolve("src/test/resources/functions").resolve(function);
            Path target = Files.createDirectories(project.resolve("src/test/resources/functions").resolve(function));
            Files.copy(source.resolve("index.js"), target.resolve("index.js"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path resolvers = Files.createDirectories(project.resolve(AppBackend.RESOLVERS));
        for (String resolver : List.of("post-by-id.js", "retitle-post.js")) {
            Files.copy(SampleAssembly.PROJECT.resolve(AppBackend.RESOLVERS).resolve(resolver),
                    resolvers.resolve(resolver), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(project.resolve("cdk.json"), "{\"app\": \"java dev.gen2.localaws.app.AppBackend\","
                + " \"context\": {\"amplify-backend-namespace\": \"postsapp\"}}", StandardCharsets.UTF_8);
        try (SandboxProcess sandbox = SandboxProcess.start(project, List.of("--local", "--once", "--reset",
                "--identifier", "posts"))) {
            sandbox.awaitCount(line -> line.startsWith("[gen2] serving the local AWS"), 1, Duration.ofMinutes(4),
                    "the local deploy");
            NodeStory.run(ENDPOINT, "posts-v6.test.mjs", "unused@example.com",
                    Map.of("AMPLIFY_OUTPUTS", project.resolve("amplify_outputs.json")));
        }
    }
}
