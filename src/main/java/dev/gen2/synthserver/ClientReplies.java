package dev.gen2.synthserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The server's side of one connection: JSON lines to the synth client. {@code {"out": base64}} and
 * {@code {"err": base64}} carry what the synth printed (bytes, so a character split across writes survives);
 * then one of {@code {"exit": status}}, {@code {"restart": reason}} (this server is stale: start a new one and ask
 * again) or {@code {"fallback": reason}} (run the app without the server). A client that hung up (Ctrl-C) is not an
 * error of the server's: what is sent after that is dropped.
 */
final class ClientReplies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutputStream socket;
    private boolean clientGone;

    ClientReplies(OutputStream socket) {
        this.socket = socket;
    }

    /** A print stream whose bytes reach the client's standard output ({@code "out"}) or error ({@code "err"}). */
    PrintStream stream(String kind) {
        return new PrintStream(new FrameStream(kind), true, StandardCharsets.UTF_8);
    }

    void exit(int status) {
        send(Map.of("exit", status));
    }

    void restart(String reason) {
        send(Map.of("restart", reason));
    }

    void fallback(String reason) {
        send(Map.of("fallback", reason));
    }

    /** Whether the client hung up before everything was sent. */
    synchronized boolean clientGone() {
        return clientGone;
    }

    private synchronized void send(Map<String, Object> frame) {
        if (clientGone) {
            return;
        }
        try {
            socket.write(JSON.writeValueAsBytes(frame));
            socket.write('\n');
            socket.flush();
        } catch (IOException e) {
            clientGone = true;
        }
    }

    /** Buffers bytes until a flush (a println, with autoflush) and sends them as one frame. */
    private final class FrameStream extends OutputStream {
        private final String kind;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        FrameStream(String kind) {
            this.kind = kind;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            buffer.write(bytes, offset, length);
        }

        @Override
        public synchronized void flush() {
            if (buffer.size() > 0) {
                send(Map.of(kind, Base64.getEncoder().encodeToString(buffer.toByteArray())));
                buffer.reset();
            }
        }
    }
}
