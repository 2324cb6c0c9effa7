package dev.gen2.backend.function;

import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * The Lambda package of this project's Java handlers, {@code target/lambda/functions.zip}: the classes of the
 * packages under {@code amplify.functions} and the libraries they use, built by Maven before the tests (the
 * {@code process-classes} phase), so {@code mvn compile} alone is not enough.
 */
final class JavaFunctionPackage {
    static final Path PATH = Path.of("target", "lambda", "functions.zip");

    private JavaFunctionPackage() {
    }

    /** Fails unless the package exists and holds the handler class. */
    static void requireHandler(String where, String handlerClass) {
        if (!Files.isRegularFile(PATH)) {
            throw new BackendConfigException(where, "The Java functions' package " + PATH + " has not been built.",
                    "run mvn process-classes (cdk synth through cdk.json does), then synthesize again.");
        }
        String entry = handlerClass.replace('.', '/') + ".class";
        try (ZipFile zip = new ZipFile(PATH.toFile())) {
            if (zip.getEntry(entry) == null) {
                throw new BackendConfigException(where, "The handler class " + handlerClass + " is not in " + PATH
                        + ".", "put Java handlers in a package under amplify.functions, such as"
                                + " amplify.functions.report, and rebuild.");
            }
        } catch (IOException e) {
            throw new BackendConfigException(where, "Cannot read " + PATH + ": " + e.getMessage(),
                    "rebuild it with mvn process-classes.");
        }
    }
}
