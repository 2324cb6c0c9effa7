package dev.gen2.backend.function.packaging;

import java.nio.file.Path;
import java.util.List;

/**
 * One Java function's Lambda package, in Lambda's Java layout: the classes at the root, the jars in {@code lib/}.
 *
 * @param zip the package, named by a hash of its contents
 * @param contentHash a SHA-256 of every entry's name and bytes: the function's asset hash, so that it does not depend
 *     on the compressor's output (which may differ between zlib builds) but only on what the package holds
 * @param classes the class files at the root, such as {@code com/example/Handler.class}, sorted
 * @param jars the jars' file names in {@code lib/}, sorted
 * @param bytes the zip's size
 */
public record JavaFunctionPackage(Path zip, String contentHash, List<String> classes, List<String> jars,
        long bytes) {
    public JavaFunctionPackage {
        classes = List.copyOf(classes);
        jars = List.copyOf(jars);
    }
}
