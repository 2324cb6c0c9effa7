package dev.gen2.localaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A folder served over HTTP on a free port of 127.0.0.1, as any static host serves a built web app: the files as they
 * are on disk at each request (so files written beside the build after it started are served too), {@code /} as
 * {@code index.html}, never cached.
 */
final class StaticSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2", "txt", "text/plain; charset=utf-8");
    private final HttpServer server;
    private final Path root;

    private StaticSite(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    static StaticSite serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StaticSite site = new StaticSite(server, root.toAbsolutePath().normalize());
        server.createContext("/", site::answer);
        server.start();
        return site;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            boolean readable = file.startsWith(root) && Files.isRegularFile(file);
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = readable ? Files.readAllBytes(file) : ("not found: " + path).getBytes();
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            String type = readable ? TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1),
                    "application/octet-stream") : "text/plain; charset=utf-8";
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(readable ? 200 : 404, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
