package dev.gen2.synthserver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The synth servers a client started with its sockets under a directory of a test's or the benchmark's own (the
 * client's {@code TMPDIR}): those whose lock file is still locked, by the process id the lock file holds. A lock file
 * outlives its server, and its process id may since name another process.
 */
public final class RunningSynthServers {

    private RunningSynthServers() {
    }

    public static List<ProcessHandle> under(Path socketsDirectory) {
        try (Stream<Path> files = Files.walk(socketsDirectory)) {
            return files.filter(file -> file.toString().endsWith(".sock.lock")).filter(RunningSynthServers::held)
                    .flatMap(file -> {
                        try {
                            return ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).stream();
                        } catch (IOException | NumberFormatException e) {
                            return Stream.empty();
                        }
                    }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean held(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (IOException e) {
            return false;
        }
    }
}
