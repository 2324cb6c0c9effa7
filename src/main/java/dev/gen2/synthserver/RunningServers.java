package dev.gen2.synthserver;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The synth servers of one user: those whose lock file ({@code <socket>.lock}, in the sockets' directory, which is
 * private to the user) is still locked. A lock file holds its server's process id, and its modification time is when
 * the server started or last started or ended a synth (it rewrites its id); it outlives its server, so only a held
 * lock counts. Reading one opens and closes it, which would release a lock this process held on it: a server never
 * reads its own. A new server makes
 * room under the cap on how many run ({@link #makeRoom}): the longest idle ones are asked to stop first.
 */
final class RunningServers {
    /** A running server: its lock file, process id and when it was last active. */
    record Server(Path lockFile, long pid, Instant lastActive) {
        Path socket() {
            String name = lockFile.getFileName().toString();
            return lockFile.resolveSibling(name.substring(0, name.length() - ".lock".length()));
        }
    }

    private static final long STOP_WAIT_SECONDS = 10;

    private RunningServers() {
    }

    /** The servers whose lock files in {@code directory} are held by another process, but not {@code own}'s. */
    static List<Server> in(Path directory, Path own) {
        List<Server> servers = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path lockFile : files.filter(file -> file.getFileName().toString().endsWith(".sock.lock"))
                    .filter(file -> !file.equals(own)).toList()) {
                running(lockFile).ifPresent(servers::add);
            }
        } catch (IOException e) {
            // no directory, no servers
        }
        return servers;
    }

    /** The server that holds this lock file, if one does. */
    static Optional<Server> running(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Instant lastActive = Files.getLastModifiedTime(lockFile).toInstant();
            try (FileLock free = channel.tryLock()) {
                if (free != null) {
                    return Optional.empty();
                }
            }
            ByteBuffer content = ByteBuffer.allocate(32);
            channel.read(content, 0);
            String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
            return Optional.of(new Server(lockFile, Long.parseLong(pid), lastActive));
        } catch (IOException | NumberFormatException | OverlappingFileLockException e) {
            // OverlappingFileLockException: this JVM's own lock file, which is not another server
            return Optional.empty();
        }
    }

    /**
     * Which of the other running servers to stop so that, with a new one, at most {@code cap} run: the longest idle
     * first.
     */
    static List<Server> toStop(List<Server> others, int cap) {
        int excess = others.size() + 1 - Math.max(1, cap);
        return others.stream().sorted(Comparator.comparing(Server::lastActive)).limit(Math.max(0, excess)).toList();
    }

    /**
     * Stops the longest idle servers beyond the cap, waiting a few seconds for each to end: asked on its socket, as
     * {@code synth.sh --stop} asks (it ends after the synth it may be running), or ended by its process id when its
     * socket does not answer.
     */
    static void makeRoom(Path directory, Path ownLockFile, int cap) {
        for (Server server : toStop(in(directory, ownLockFile), cap)) {
            System.out.println("More than " + cap + " synth servers would run (GEN2_SYNTH_SERVER_MAX_RUNNING); stopping"
                    + " the longest idle, pid " + server.pid() + ", last active " + server.lastActive() + ".");
            Optional<ProcessHandle> process = ProcessHandle.of(server.pid());
            if (!askToStop(server.socket())) {
                process.ifPresent(ProcessHandle::destroy);
            }
            process.ifPresent(RunningServers::awaitExit);
        }
    }

    private static boolean askToStop(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("{\"stop\":true}\n".getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.out.println("pid " + process.pid() + " is still running a synth; it stops after it.");
        } catch (ExecutionException e) {
            // it ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
