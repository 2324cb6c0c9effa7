package dev.gen2.localaws;

import dev.gen2.backend.BundledAsset;
import dev.gen2.backend.NodePackage;
import dev.gen2.localaws.lambda.LocalLambda;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A local AWS on 127.0.0.1: moto's server, extended by this project's Python modules (shipped as resources beside
 * this class) so that the real CDK CLI can bootstrap, deploy, update, hotswap and destroy this project's backends,
 * and so that the Cognito user pools a deploy creates check what Cognito checks. Started on a free port, stopped by
 * its process id. {@code LOCAL_AWS_PYTHON} (or {@code MOTO_PYTHON}) names the Python that has moto; default
 * {@code python3}.
 */
public final class LocalAws implements AutoCloseable {
    /** The Python modules, in the order {@code local_aws.py} imports them. */
    static final List<String> MODULES = List.of("local_aws.py", "cfn_fixes.py", "cfn_resources.py",
            "cognito_checks.py", "gen2_routes.py", "lambda_runtime.py", "cognito_triggers.py", "local_state.py",
            "appsync_state.py", "iam_policy.py", "iam_credentials.py", "identity_credentials.py", "sigv4.py",
            "iam_enforcement.py", "iam_resources.py", "iam_routes.py", "s3_front.py", "schedules.py",
            "custom_resources.py", "dynamodb_answers.py", "dynamodb_key_limits.py", "cognito_custom_auth.py",
            "cognito_codes.py", "cognito_inbox.py");
    public static final String ACCESS_KEY_ID = "testing";
    public static final String SECRET_ACCESS_KEY = "testing";
    public static final String REGION = "us-east-1";
    /** moto's account: what {@code sts get-caller-identity} answers and the bootstrap stack's account. */
    public static final String ACCOUNT_ID = "123456789012";
    /** The local inbox's path: every message the local Cognito sends, as a page and as JSON ({@code cognito_inbox.py}). */
    public static final String INBOX_PATH = "/_gen2/inbox";
    /** How moto's server marks a line meant for the sandbox's terminal ({@code cognito_inbox.TERMINAL_MARK}). */
    static final String TERMINAL_MARK = "[gen2:terminal] ";
    /** The code Cognito "sends" for sign-up confirmation and password reset. */
    public static final String CONFIRMATION_CODE = "123456";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long moto's server has to save its state (with a state directory) before it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How to start the local AWS.
     *
     * @param port           the port of its endpoint; empty for a free one
     * @param graphqlPort    the port of its GraphQL service; empty for a free one
     * @param s3Port         a second port on which the same server answers, for aws-amplify's storage testing option
     *                       ({@link #AMPLIFY_STORAGE_TESTING_PORT}); empty for none
     * @param stateDirectory where what it holds is kept across restarts; empty to start empty and forget on stop
     * @param logs           where the data plane's lines go (function logs, one line each, prefixed with the
     *                       function's name; the inbox's announcements, {@code [inbox] sign-up code 123456 to ...})
     */
    public record Options(OptionalInt port, OptionalInt graphqlPort, OptionalInt s3Port,
            Optional<Path> stateDirectory, Consumer<String> logs) {
        public Options {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(graphqlPort, "graphqlPort");
            Objects.requireNonNull(s3Port, "s3Port");
            Objects.requireNonNull(stateDirectory, "stateDirectory");
            Objects.requireNonNull(logs, "logs");
        }

        /** Free ports, no second S3 port, nothing kept; the data plane's lines are dropped (what tests use). */
        public static Options defaults() {
            return new Options(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                    line -> { });
        }

        /** These options, with S3 also served on aws-amplify's storage testing port. */
        public Options withStorageTestingPort() {
            return new Options(port, graphqlPort, OptionalInt.of(AMPLIFY_STORAGE_TESTING_PORT), stateDirectory, logs);
        }

        /** These options, with the data plane's lines sent to {@code sink}. */
        public Options withLogs(Consumer<String> sink) {
            return new Options(port, graphqlPort, s3Port, stateDirectory, sink);
        }

        /**
         * What {@code sandbox --local} uses: the fixed ports a frontend's configuration can name once
         * ({@link #SANDBOX_PORT}, {@link #SANDBOX_GRAPHQL_PORT}, {@link #AMPLIFY_STORAGE_TESTING_PORT}), and its
         * state kept in
         * {@code stateDirectory}.
         */
        public static Options sandbox(Path stateDirectory, Consumer<String> logs) {
            return new Options(OptionalInt.of(SANDBOX_PORT), OptionalInt.of(SANDBOX_GRAPHQL_PORT),
                    OptionalInt.of(AMPLIFY_STORAGE_TESTING_PORT), Optional.of(stateDirectory), logs);
        }
    }

    /** The local AWS's endpoint port for {@code sandbox --local}: the same on every start, so frontends keep it. */
    public static final int SANDBOX_PORT = 20000;
    /** The GraphQL service's port for {@code sandbox --local}: 20002, the port Gen 1's {@code amplify mock api} used. */
    public static final int SANDBOX_GRAPHQL_PORT = 20002;
    /** The port aws-amplify sends S3 requests to with {@code dangerouslyConnectToHttpEndpointForTesting}. */
    public static final int AMPLIFY_STORAGE_TESTING_PORT = 20005;

    private final ServiceProcess moto;
    private final int port;
    /** The data plane's services started beside moto's server, closed in reverse order before it. */
    private final Deque<AutoCloseable> services = new ArrayDeque<>();
    private LocalGraphql graphql;

    private LocalAws(ServiceProcess moto, int port) {
        this.moto = moto;
        this.port = port;
    }

    /** Starts the server on a free 127.0.0.1 port and returns once it answers. */
    public static LocalAws start() throws IOException, InterruptedException {
        return start(Options.defaults());
    }

    /** Starts the server on a free 127.0.0.1 port, and the data plane's services beside it, once they answer. */
    public static LocalAws start(Options options) throws IOException, InterruptedException {
        if (options.s3Port().isPresent()) {
            requireFree(options.s3Port().getAsInt(), "S3 for aws-amplify's storage testing option"
                    + " (dangerouslyConnectToHttpEndpointForTesting)");
        }
        if (options.port().isPresent()) {
            requireFree(options.port().getAsInt(), "its endpoint");
        }
        if (options.graphqlPort().isPresent()) {
            requireFree(options.graphqlPort().getAsInt(), "its GraphQL APIs");
        }
        int graphqlPort = options.graphqlPort().isPresent() ? options.graphqlPort().getAsInt() : freePort();
        Path modules = BundledAsset.directory(LocalAws.class, MODULES);
        int port = options.port().isPresent() ? options.port().getAsInt() : freePort();
        List<String> command = new ArrayList<>(List.of(python(), modules.resolve("local_aws.py").toString(),
                "--port", String.valueOf(port)));
        options.s3Port().ifPresent(s3Port -> command.addAll(List.of("--s3-port", String.valueOf(s3Port))));
        options.stateDirectory().ifPresent(state -> command.addAll(List.of("--state-dir", state.toString())));
        // functions run beside moto, which invokes them through this service (lambda_runtime.py)
        LocalLambda lambda = LocalLambda.start(new LocalLambda.Settings(URI.create("http://localhost:" + port),
                REGION, new RoleCredentials(URI.create("http://localhost:" + port), Clock.systemUTC())::forFunction,
                NODE_RUNTIME, options.logs()));
        Map<String, String> environment = Map.of("LOCAL_AWS_CONFIRMATION_CODE", CONFIRMATION_CODE,
                // the APIs' URLs in the stacks' outputs, and so in amplify_outputs.json, are the local service's
                "LOCAL_AWS_GRAPHQL_URL", "http://localhost:" + graphqlPort,
                "LOCAL_AWS_LAMBDA_URL", lambda.url().toString());
        installNodeRuntimeMeanwhile();
        LocalAws server;
        try {
            server = new LocalAws(ServiceProcess.start("The local AWS", command, environment,
                    URI.create("http://127.0.0.1:" + port + "/moto-api/"), START_TIMEOUT, STOP_TIMEOUT,
                    terminalLines(options.logs())), port);
        } catch (IOException | InterruptedException | RuntimeException e) {
            lambda.close();
            throw e;
        }
        server.services.push(lambda);
        try {
            server.graphql = LocalGraphql.start(server.endpointByAddress(), graphqlPort);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.services.push(server.graphql);
        return server;
    }

    /** The lines moto's server marks for the sandbox's terminal (the inbox's announcements), without the mark. */
    static Consumer<String> terminalLines(Consumer<String> logs) {
        return line -> {
            if (line.startsWith(TERMINAL_MARK)) {
                logs.accept(line.substring(TERMINAL_MARK.length()));
            }
        };
    }

    /**
     * Installs the Node.js runtime while the server starts and the first deploy runs: the first install builds the
     * client's native part (minutes, once per machine), which would otherwise delay the first invocation.
     */
    private static void installNodeRuntimeMeanwhile() {
        Thread install = new Thread(() -> {
            try {
                nodeLambdaRuntime();
                NODE_RUNTIME.sdkModules();
            } catch (IOException e) {
                // the first Node.js invocation tries again and reports the failure where it matters
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "node-lambda-runtime-install");
        install.setDaemon(true);
        install.start();
    }

    /** The Node.js runtime interface client, and the AWS SDK that Lambda's Node.js runtime provides. */
    private static final LocalLambda.NodeRuntime NODE_RUNTIME = new LocalLambda.NodeRuntime() {
        @Override
        public Path directory() throws IOException, InterruptedException {
            return nodeLambdaRuntime();
        }

        @Override
        public Optional<Path> sdkModules() throws IOException, InterruptedException {
            return Optional.of(NodePackage.installed(LocalAws.class, "lambda/node-sdk",
                    List.of("package.json", "package-lock.json")).resolve("node_modules"));
        }
    };

    /** npm's aws-lambda-ric, the Node.js runtime interface client, installed on first use. */
    private static Path nodeLambdaRuntime() throws IOException, InterruptedException {
        return NodePackage.installed(LocalAws.class, "lambda/node-ric", List.of("package.json", "package-lock.json"));
    }

    /**
     * The endpoint to give the CDK CLI and the AWS SDKs, by name ({@code localhost}), the form the deploy tests run
     * the CDK CLI with.
     */
    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    /** The endpoint by address, for clients that would look {@code localhost} up as {@code ::1} first (Node.js). */
    public URI endpointByAddress() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The local inbox: every e-mail and SMS the local Cognito sends, newest first, as an HTML page, or as JSON with
     * {@code Accept: application/json}; {@code ?to=<address>} keeps one recipient's.
     */
    public URI inboxUrl() {
        return URI.create(endpoint() + INBOX_PATH);
    }

    /** The local GraphQL service's address; an API's URL is {@link #graphqlUrl(String)}. */
    public URI graphqlEndpoint() {
        return URI.create("http://localhost:" + graphql.port());
    }

    /** The GraphQL URL of the deployed API {@code apiId}, served by the local GraphQL service. */
    public URI graphqlUrl(String apiId) {
        return graphql.apiUrl(apiId);
    }

    /** The variables that point the CDK CLI, the AWS CLI and the AWS SDKs at this server. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL", endpoint().toString());
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_DEFAULT_REGION", REGION);
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        return environment;
    }

    /** What the server printed so far: moto's request log and any Python traceback, for a failure's message. */
    public String log() {
        return moto.log();
    }

    /** The process id, for whoever must stop it by hand. */
    public long pid() {
        return moto.pid();
    }

    @Override
    public void close() {
        while (!services.isEmpty()) {
            try {
                services.pop().close();
            } catch (Exception ignored) {
                // stopping goes on: moto's server below is stopped whatever a service did
            }
        }
        moto.close();
    }

    private static String python() {
        String python = System.getenv("LOCAL_AWS_PYTHON");
        if (python == null || python.isBlank()) {
            python = System.getenv().getOrDefault("MOTO_PYTHON", "python3");
        }
        return python;
    }

    /** A port the local AWS must listen on is held by another process. */
    public static final class PortTakenException extends IOException {
        PortTakenException(int port, String purpose) {
            super("Port " + port + " on 127.0.0.1 is in use, and the local AWS serves " + purpose + " there.");
        }
    }

    private static void requireFree(int port, String purpose) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (BindException taken) {
            throw new PortTakenException(port, purpose);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Runs the local AWS until interrupted (Ctrl-C), printing the variables to export in another shell. */
    public static void main(String[] args) throws Exception {
        LocalAws server = start(Options.defaults().withLogs(System.out::println));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Local AWS running (pid " + server.pid() + "). In another shell:");
        server.environment().forEach((name, value) -> System.out.println("export " + name + "=" + value));
        System.out.println("GraphQL APIs deployed to it: " + server.graphqlEndpoint() + "/<apiId>/graphql");
        System.out.println("Every e-mail and SMS Cognito sends (with its code) is in the local inbox:");
        System.out.println("INBOX_URL=" + server.inboxUrl());
        System.out.println("Ctrl-C stops it; everything it holds is gone then.");
        server.moto.waitFor();
    }
}
