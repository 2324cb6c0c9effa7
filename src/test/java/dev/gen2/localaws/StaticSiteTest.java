package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser story's web host: a built app's files as they are on disk, with the types a browser needs. */
class StaticSiteTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheFolderWithItsTypesAndNothingOutsideIt(@TempDir Path folder) throws Exception {
        Path site = Files.createDirectories(folder.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>app</title>");
        Files.createDirectories(site.resolve("assets"));
        Files.writeString(site.resolve("assets/index-1a2b.js"), "console.log('app')");
        Files.writeString(folder.resolve("secret.txt"), "not served");

        try (StaticSite served = StaticSite.serve(site)) {
            HttpResponse<String> page = get(served.url());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>app</title>");
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");

            assertThat(get(served.url().resolve("assets/index-1a2b.js")).headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");

            // written after the server started, as the sandbox writes its outputs beside the build
            Files.writeString(site.resolve("amplify_outputs.json"), "{\"version\": \"1.4\"}");
            HttpResponse<String> outputs = get(served.url().resolve("amplify_outputs.json"));
            assertThat(outputs.body()).isEqualTo("{\"version\": \"1.4\"}");
            assertThat(outputs.headers().firstValue("Content-Type")).hasValue("application/json");

            assertThat(get(served.url().resolve("local-aws.json")).statusCode()).isEqualTo(404);
            assertThat(get(URI.create(served.url() + "assets/../../secret.txt")).statusCode()).isEqualTo(404);
            assertThat(get(URI.create(served.url() + "%2e%2e/secret.txt")).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
