package dev.gen2.localaws;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local AppSync: a Node.js service (the {@code graphql} resource directory beside this class) that serves every
 * GraphQL API deployed to the local AWS at {@code http://localhost:<port>/<apiId>/graphql}, its real-time endpoint at
 * {@code .../graphql/realtime}, running the deployed resolvers on the local AWS's tables and functions. Started on a
 * free port, stopped by its process id.
 */
public final class LocalGraphql implements AutoCloseable {
    static final String RESOURCE_DIRECTORY = "graphql";
    static final List<String> FILES = List.of("package.json", "package-lock.json", "server.mjs", "api.mjs",
            "appsync-utils.mjs", "authorization.mjs", "code-loader.mjs", "data-sources.mjs", "deployed-apis.mjs",
            "iam-verifier.mjs", "jwt-verifier.mjs", "lambda-invoker.mjs", "local-certificate.mjs", "subscription-filters.mjs",
            "subscriptions.mjs");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Where the service keeps the certificate its TLS side presents (aws-amplify 6 subscribes over wss:// only), so
     * that a browser told to trust it keeps trusting it across restarts.
     */
    static final Path CERTIFICATE_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "gen2-local-graphql-certificate");

    private final Process process;
    private final int port;
    private final Path log;

    private LocalGraphql(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service on {@code port} for the local AWS answering at {@code aws}; returns once it answers. */
    public static LocalGraphql start(URI aws, int port) throws IOException, InterruptedException {
        Path directory = NodePackage.installed(LocalGraphql.class, RESOURCE_DIRECTORY, FILES);
        Path log = Files.createTempFile("gen2-local-graphql-" + port, ".log");
        Process process = new ProcessBuilder("node", directory.resolve("server.mjs").toString(), "--port",
                String.valueOf(port), "--aws", aws.toString(), "--certificate-dir", CERTIFICATE_DIRECTORY.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LocalGraphql service = new LocalGraphql(process, port, log);
        service.awaitReady();
        return service;
    }

    /** The GraphQL URL of the API {@code apiId}, as the clients' configuration takes it. */
    public URI apiUrl(String apiId) {
        return URI.create("http://localhost:" + port + "/" + apiId + "/graphql");
    }

    public int port() {
        return port;
    }

    /** What the service printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(the GraphQL service's log is unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a leftover log in the temp directory is harmless
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw failedToStart("exited with status " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/")
                        .toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw failedToStart("did not answer within " + START_TIMEOUT + " on port " + port);
    }

    private IOException failedToStart(String why) {
        String output = log();
        close();
        return new IOException("The local GraphQL service " + why + ":\n" + output);
    }

}
