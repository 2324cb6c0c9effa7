package dev.gen2.deploy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.outputs.JsonText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One sandbox per project at a time: {@code target/gen2-sandbox/sandbox.lock}, held with an operating-system file
 * lock for as long as a sandbox runs, and saying which sandbox holds it (process id, identifier, local or not, its
 * outputs file). A second sandbox of the project is refused with one line naming the first, so that it never
 * overwrites the first one's {@code amplify_outputs.json}. The operating system releases the lock when its process
 * ends, however it ends: a lock file left by a crash blocks nothing.
 */
public final class SandboxLock implements AutoCloseable {
    /**
     * The locked region: one byte far past the file's text, so that the text stays readable to the others on every
     * operating system (Windows does not let another process read a locked region).
     */
    private static final long REGION = Long.MAX_VALUE - 1;
    private static final int ATTEMPTS = 3;
    /**
     * The locks this JVM holds: looked at before any channel is opened, since closing a second channel on a file
     * releases every lock the process holds on it (POSIX record locks).
     */
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();

    /**
     * The sandbox that holds the lock.
     *
     * @param pid its process id
     * @param identifier its {@code --identifier}
     * @param local whether it runs on the local AWS ({@code --local})
     * @param outputsFile the outputs file it writes
     */
    public record Holder(long pid, String identifier, boolean local, String outputsFile) {
        /** {@code sandbox 'ada' (pid 4242, --local)}. */
        public String describe() {
            return "sandbox '" + identifier + "' (pid " + pid + (local ? ", --local" : "") + ")";
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SandboxLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a project. */
    public static Path file(Path projectDirectory) {
        return projectDirectory.toAbsolutePath().normalize().resolve("target").resolve("gen2-sandbox")
                .resolve("sandbox.lock");
    }

    /**
     * Takes the project's lock for {@code me}, or refuses with one line naming the sandbox that holds it.
     *
     * @throws BackendConfigException when another sandbox of the project runs
     */
    public static SandboxLock acquire(Path projectDirectory, Holder me) {
        Path file = file(projectDirectory);
        Holder here = HELD_HERE.get(file);
        if (here != null) {
            throw refused(Optional.of(here));
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                FileLock lock = tryLock(channel, false);
                if (lock != null) {
                    byte[] text = describe(me).getBytes(StandardCharsets.UTF_8);
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(text), 0);
                    channel.force(false);
                    HELD_HERE.put(file, me);
                    return new SandboxLock(file, channel, lock);
                }
                Thread.sleep(100); // another command may be only looking (holder()), for a moment
            }
            Optional<Holder> holder = read(file);
            channel.close();
            throw refused(holder);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BackendConfigException("sandbox", "Cannot lock " + file + ": " + e.getMessage() + ".",
                    "make target/ of the project writable, then run the command again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new BackendConfigException("sandbox", "Interrupted while taking " + file + ".",
                    "run the command again.");
        }
    }

    /** The sandbox running in the project now, if any. */
    public static Optional<Holder> holder(Path projectDirectory) {
        Path file = file(projectDirectory);
        Holder here = HELD_HERE.get(file);
        if (here != null) {
            return Optional.of(here);
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = tryLock(channel, true);
            if (probe != null) {
                probe.release();
                return Optional.empty(); // nobody holds it: a file left by a sandbox that ended
            }
            return read(file).or(() -> Optional.of(new Holder(-1, "?", false, "?")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        HELD_HERE.remove(file);
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static BackendConfigException refused(Optional<Holder> holder) {
        return new BackendConfigException("sandbox", "Another sandbox of this project is running: "
                + holder.map(Holder::describe).orElse("one whose details are unreadable")
                + holder.map(h -> ", writing " + h.outputsFile()).orElse("") + ".",
                "stop it first (Ctrl-C in its terminal" + holder.filter(h -> h.pid() > 0)
                        .map(h -> ", or kill " + h.pid()).orElse("")
                        + "): two sandboxes of one project would overwrite each other's outputs file.");
    }

    /** A lock of the region, or null when another process holds it; this JVM holding it counts as another. */
    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(REGION, 1, shared);
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static String describe(Holder holder) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pid", holder.pid());
        fields.put("identifier", holder.identifier());
        fields.put("local", holder.local());
        fields.put("outputsFile", holder.outputsFile());
        return JsonText.stringify(fields, 2) + "\n";
    }

    private static Optional<Holder> read(Path file) {
        try {
            Map<String, Object> fields = JsonText.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(new Holder(((Number) fields.get("pid")).longValue(),
                    String.valueOf(fields.get("identifier")), Boolean.TRUE.equals(fields.get("local")),
                    String.valueOf(fields.get("outputsFile"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
