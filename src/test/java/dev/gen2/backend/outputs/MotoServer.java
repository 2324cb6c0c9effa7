package dev.gen2.backend.outputs;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * moto's server on 127.0.0.1, a local AWS endpoint for tests: started on a free port, stopped by its process id.
 * {@code MOTO_PYTHON} names the Python that has moto (default {@code python3}).
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        String python = System.getenv().getOrDefault("MOTO_PYTHON", "python3");
        Process process = new ProcessBuilder(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        server.awaitReady(Duration.ofSeconds(30));
        return server;
    }

    /** The endpoint to give SDK clients. moto reads the template URL right only under {@code localhost}. */
    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto's server exited with " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IOException("moto's server did not start within " + timeout);
    }

    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
