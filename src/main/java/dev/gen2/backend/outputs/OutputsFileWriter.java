package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.PublicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Writes a configuration file whole or not at all, readable by everyone (see {@link PublicFiles}). */
public final class OutputsFileWriter {

    private OutputsFileWriter() {
    }

    public static Path write(Path directory, Map<String, Object> config, ClientConfigVersion version,
            OutputsFormat format) {
        Path target = directory.resolve(format.fileName(version));
        String text = format.render(config, version);
        try {
            PublicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
            return target;
        } catch (IOException e) {
            throw new BackendConfigException("--out-dir " + directory, "Cannot write " + target.getFileName()
                    + " there: " + e.getClass().getSimpleName() + " " + e.getMessage() + ".",
                    "choose a directory you can write to, or fix its permissions.");
        }
    }
}
