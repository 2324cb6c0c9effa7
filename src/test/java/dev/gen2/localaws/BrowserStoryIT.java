package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.CdkCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seed story in a real browser: the example web app ({@code examples/web}, built as its README says) served
 * beside the outputs of {@code sandbox --local}, driven in Debian's headless Chromium by playwright-core
 * ({@code src/test/browser/story.mjs}) through the Authenticator's own screens, with the codes read from the local
 * inbox. Each step's screenshot goes to {@code target/browser-story/}, its time to the output.
 */
class BrowserStoryIT {
    private static final Path PROJECT = SampleAssembly.PROJECT;
    private static final Path SHOTS = PROJECT.resolve("target/browser-story");

    @Test
    void theStoryThroughTheAuthenticatorInChromium() throws Exception {
        Path site = Files.createDirectories(PROJECT.resolve("target/it/browser-" + ProcessHandle.current().pid()
                + "/site"));
        copyTree(ExampleWebBuild.dist(), site);
        try (SandboxProcess sandbox = SandboxProcess.start(PROJECT, List.of("--local", "--once", "--reset",
                "--identifier", "browser", "--outputs-out-dir", site.toString()));
                StaticSite app = StaticSite.serve(site)) {
            sandbox.awaitCount(line -> line.startsWith("[gen2] serving the local AWS"), 1, Duration.ofMinutes(4),
                    "the local deploy");
            String endpoint = printed(sandbox, "AWS_ENDPOINT_URL=");
            String inbox = printed(sandbox, "INBOX_URL=");
            // what `npm run use-local-aws` writes beside the outputs
            Files.writeString(site.resolve("local-aws.json"), "{\"endpoint\": \"" + endpoint + "\"}\n",
                    StandardCharsets.UTF_8);
            ExampleWebBuild.deleteTree(SHOTS);
            String id = String.valueOf(System.currentTimeMillis());
            CdkCli.Result story = CdkCli.Processes.run(PROJECT, List.of("node",
                    PROJECT.resolve("src/test/browser/story.mjs").toString()), Map.of(
                            "APP_URL", app.url().toString(),
                            "STORY_ID", id,
                            // Node may resolve "localhost" to ::1, where the local AWS does not listen
                            "INBOX_URL", inbox.replace("//localhost:", "//127.0.0.1:"),
                            "SHOTS_DIR", SHOTS.toString(),
                            "CHROMIUM", chromium(),
                            "BROWSER_MODULES", PROJECT.resolve("target/node-browser/node_modules").toString()),
                    Duration.ofMinutes(4));
            System.out.println(story.output());
            assertThat(story.exitCode()).as("the browser story:\n" + story.output()).isZero();
            assertThat(story.output()).as("the browser story").contains("the browser story passed");
            for (String message : List.of("sign-up code %s to ann.%s@example.com",
                    "sign-up code %s to bob.%s@example.com", "password reset code %s to ann.%s@example.com")) {
                String announced = "[inbox] " + message.formatted(LocalAws.CONFIRMATION_CODE, id);
                assertThat(sandbox.lines()).as("the message the story read from the inbox, announced in the terminal")
                        .anyMatch(line -> line.contains(announced));
            }
        }
    }

    /** The value of the sandbox's line {@code NAME=value}. */
    private static String printed(SandboxProcess sandbox, String name) throws InterruptedException {
        sandbox.awaitCount(line -> line.startsWith(name), 1, Duration.ofSeconds(30), "the line " + name);
        return sandbox.lines().stream().filter(line -> line.startsWith(name)).findFirst()
                .map(line -> line.substring(name.length()).trim())
                .orElseThrow(() -> new AssertionError("the sandbox printed no " + name + " line:\n"
                        + String.join("\n", sandbox.lines())));
    }

    /** Debian's Chromium ({@code .ci/run} installs it). */
    private static String chromium() {
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream().filter(path -> Files.isExecutable(
                Path.of(path))).findFirst().orElseThrow(() -> new AssertionError(
                        "no Chromium at /usr/bin/chromium: install Debian's chromium package (.ci/run does)"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
