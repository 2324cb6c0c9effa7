package dev.gen2.localaws;

import dev.gen2.backend.NodePackage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local AppSync: a Node.js service (the {@code graphql} resource directory beside this class) that serves every
 * GraphQL API deployed to the local AWS at {@code http://localhost:<port>/<apiId>/graphql}, its real-time endpoint at
 * {@code .../graphql/realtime}, running the deployed resolvers on the local AWS's tables and functions. Started on a
 * free port, stopped by its process id.
 */
public final class LocalGraphql implements AutoCloseable {
    static final String RESOURCE_DIRECTORY = "graphql";
    static final List<String> FILES = List.of("package.json", "package-lock.json", "server.mjs", "api.mjs",
            "appsync-prelude.mjs", "appsync-utils.mjs", "authorization.mjs", "code-loader.mjs", "data-sources.mjs",
            "deployed-apis.mjs", "iam-verifier.mjs", "jwt-verifier.mjs", "lambda-invoker.mjs", "local-certificate.mjs",
            "subscription-filters.mjs", "subscriptions.mjs");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Where the service keeps the certificate its TLS side presents (aws-amplify 6 subscribes over wss:// only), so
     * that a browser told to trust it keeps trusting it across restarts.
     */
    static final Path CERTIFICATE_DIRECTORY = userCacheDirectory().resolve("gen2-backend").resolve(
            "local-graphql-certificate");

    private final ServiceProcess process;
    private final int port;

    private LocalGraphql(ServiceProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the service on {@code port} for the local AWS answering at {@code aws}; returns once it answers. */
    public static LocalGraphql start(URI aws, int port) throws IOException, InterruptedException {
        Path directory = NodePackage.installed(LocalGraphql.class, RESOURCE_DIRECTORY, FILES);
        ServiceProcess process = ServiceProcess.start("The local GraphQL service", List.of("node",
                directory.resolve("server.mjs").toString(), "--port", String.valueOf(port), "--aws", aws.toString(),
                "--certificate-dir", CERTIFICATE_DIRECTORY.toString()), Map.of(),
                URI.create("http://127.0.0.1:" + port + "/"), START_TIMEOUT, STOP_TIMEOUT);
        return new LocalGraphql(process, port);
    }

    /** {@code $XDG_CACHE_HOME}, else {@code ~/.cache}: the user's own, so no other user of the machine writes the key. */
    private static Path userCacheDirectory() {
        String cache = System.getenv("XDG_CACHE_HOME");
        return cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    }

    /**
     * The certificate the service's TLS side presents (a file made on the first start, kept across restarts): what a
     * browser or {@code NODE_EXTRA_CA_CERTS} must trust for aws-amplify's {@code wss://} subscriptions.
     */
    public static Path certificate() {
        return CERTIFICATE_DIRECTORY.resolve("localhost-cert.pem");
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
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
