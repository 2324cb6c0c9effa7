package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes a configuration file whole or not at all: to a temporary file beside it, then moved into place. */
public final class OutputsFileWriter {

    private OutputsFileWriter() {
    }

    public static Path write(Path directory, Map<String, Object> config, ClientConfigVersion version,
            OutputsFormat format) {
        Path target = directory.resolve(format.fileName(version));
        String text = format.render(config, version);
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            moveIntoPlace(temporary, target);
            return target;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new BackendConfigException("--out-dir " + directory, "Cannot write " + target.getFileName()
                    + " there: " + e.getClass().getSimpleName() + " " + e.getMessage() + ".",
                    "choose a directory you can write to, or fix its permissions.");
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original failure is the one to report
        }
    }
}
