package dev.gen2.deploy;

import dev.gen2.backend.BackendId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a {@code --local} sandbox keeps what its local AWS holds (stacks, users, records, files) between runs:
 * {@code .amplify/local/<stack>/} in the project, a directory Amplify projects already leave out of git. A sandbox
 * started again finds its backend as it left it; {@code --reset} and {@code sandbox delete} remove it.
 */
public final class LocalSandboxState {
    private LocalSandboxState() {
    }

    /** The state directory of sandbox {@code id} of a project. */
    public static Path directory(Path projectDirectory, BackendId id) {
        return projectDirectory.toAbsolutePath().normalize().resolve(".amplify").resolve("local")
                .resolve(id.stackName());
    }

    /** Removes the state directory and everything in it; true if there was one. */
    public static boolean remove(Path directory) {
        if (!Files.exists(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the local sandbox's state in " + directory, e);
        }
    }
}
