package dev.gen2.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every line the deploying commands print about a deploy, in one place: one timed line per step ({@code synth},
 * {@code check}, {@code deploy}, {@code outputs}, ...), one line per stack saying what the deploy did to it, where
 * the CDK CLI's own output went, and, when the CLI fails, the last lines of that output. The CLI's raw output never
 * reaches the terminal otherwise. A new kind of line (a function's package size, say) is one more method here.
 */
public final class DeployProgress {
    /** How many of the CDK CLI's last lines a failure shows. */
    static final int FAILURE_TAIL_LINES = 20;

    private final Consumer<String> out;
    private final Set<Path> logsNamed = new HashSet<>();
    private boolean nodeNamed;

    /** @param out receives each line */
    public DeployProgress(Consumer<String> out) {
        this.out = out;
    }

    /** Any other line of the deploy loop, {@code [gen2] <text>}. */
    public synchronized void info(String text) {
        out.accept("[gen2] " + text);
    }

    /** A line someone else formatted (the guard's), as it is. */
    public synchronized void print(String line) {
        out.accept(line);
    }

    /** {@code error: <message>}: a failure the command goes on after (a failed deploy while watching). */
    public synchronized void error(String message) {
        out.accept("error: " + message);
    }

    /** {@code [gen2] synth: 0.62 s}. */
    public void synth(Duration took) {
        info(String.format("synth: %.2f s", seconds(took)));
    }

    /** {@code [gen2] Java function 'report': 12.9 MB (2 classes, 35 jars)}: each Java function's package. */
    public void javaFunctionPackages(List<String> descriptions) {
        descriptions.forEach(this::info);
    }

    /** {@code [gen2] check: 0.17 s}: the guard's time. */
    public void check(Duration took) {
        info(String.format("check: %.2f s", seconds(took)));
    }

    /** {@code [gen2] deploy: 4.1 s}, {@code destroy: ...}, {@code bootstrap: ...}: a CDK CLI run's time. */
    public void toolkit(String step, Duration took) {
        info(String.format("%s: %.1f s", step, seconds(took)));
    }

    /** {@code [gen2] stack <name>: hotswapped (1.2 s)}: what a CDK CLI run did to one stack. */
    public void stack(StackResult result) {
        info(String.format("stack %s: %s (%.1f s)", result.stack(), result.outcome().word(), seconds(result.took())));
    }

    /** {@code [gen2] outputs: ./amplify_outputs.json (0.02 s)}. */
    public void outputs(Path written, Duration took) {
        info(String.format("outputs: %s (%.2f s)", written, seconds(took)));
    }

    /** Where the CDK CLI's output goes, said the first time a log file is used. */
    public synchronized void toolkitLog(Path log) {
        if (logsNamed.add(log)) {
            info("the CDK CLI's output goes to " + log + " (its latest run, in full)");
        }
    }

    /** The CDK CLI failed: the last lines of its output, and where the rest is. */
    public synchronized void toolkitFailed(Path log, List<String> lines) {
        List<String> shown = lines.stream().filter(line -> !line.isBlank()).toList();
        shown = shown.subList(Math.max(0, shown.size() - FAILURE_TAIL_LINES), shown.size());
        info("the CDK CLI failed; the last lines of " + log + ":");
        shown.forEach(line -> out.accept("  " + line.stripTrailing()));
    }

    /**
     * The CDK CLI runs on a Node.js older than the AWS SDK for JavaScript in it will support (it warns on every run):
     * said once, in one line, instead of the SDK's nine.
     */
    public synchronized void oldNode(String version) {
        if (!nodeNamed) {
            nodeNamed = true;
            info("the CDK CLI runs on Node.js " + version + "; the AWS SDK for JavaScript in it needs Node.js "
                    + CdkToolkit.NODE_MAJOR + " or later from January 2027: install Node.js " + CdkToolkit.NODE_MAJOR
                    + " LTS.");
        }
    }

    /**
     * {@code AWS_ENDPOINT_URL=http://localhost:<port>}, exactly, on a line of its own: the local AWS's endpoint, for
     * the AWS CLI, the SDKs and scripts to pick up ({@code grep '^AWS_ENDPOINT_URL='}).
     */
    public synchronized void localEndpoint(URI endpoint) {
        out.accept("AWS_ENDPOINT_URL=" + endpoint);
    }

    /**
     * {@code INBOX_URL=http://localhost:<port>/_gen2/inbox}, exactly, on a line of its own: the local inbox, where
     * every message the local Cognito sends (the codes) can be read, by a person or a test
     * ({@code grep '^INBOX_URL='}).
     */
    public synchronized void localInbox(URI inbox) {
        out.accept("INBOX_URL=" + inbox);
    }

    /** A line of the local data plane (a function's log line, already prefixed with its name), as it is. */
    public synchronized void local(String line) {
        out.accept(line);
    }

    /** {@code [<friendly name>] <message>}: a function's log event from CloudWatch Logs, as the local runtime prints. */
    public synchronized void functionLog(String friendlyName, String message) {
        out.accept(functionLogLine(friendlyName, message));
    }

    /** The line {@link #functionLog} prints, for a file too. */
    public static String functionLogLine(String friendlyName, String message) {
        return "[" + friendlyName + "] " + message.stripTrailing();
    }

    /**
     * The lines a frontend adds after {@code Amplify.configure(outputs)} to use a local AWS at {@code endpoint}: the
     * Cognito endpoints, the storage testing option that sends S3 requests to the local AWS's S3 port, and the
     * certificate subscriptions need.
     */
    public synchronized void localFrontend(URI endpoint, String confirmationCode, Path certificate) {
        String byAddress = endpoint.toString().replace("localhost", "127.0.0.1");
        info("point aws-amplify at the local AWS, after Amplify.configure(outputs):");
        out.accept("  const config = Amplify.getConfig();");
        out.accept("  Amplify.configure({ ...config, Auth: { Cognito: { ...config.Auth.Cognito, userPoolEndpoint: '"
                + byAddress + "', identityPoolEndpoint: '" + byAddress + "' } },");
        out.accept("    Storage: { S3: { ...config.Storage?.S3, dangerouslyConnectToHttpEndpointForTesting: 'true' } } });");
        info("every confirmation code is " + confirmationCode + "; every message Cognito sends is in the inbox at"
                + " INBOX_URL.");
        info("subscriptions go over wss:// with a self-signed certificate: trust " + certificate
                + " (NODE_EXTRA_CA_CERTS in Node.js).");
    }

    private static double seconds(Duration took) {
        return took.toNanos() / 1e9;
    }
}
