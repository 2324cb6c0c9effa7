package dev.gen2.backend.function.packaging;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a class file comes from: a directory of classes (such as {@code target/classes}) or a jar.
 *
 * @param path the directory or the jar file, absolute and normalized
 * @param jar whether {@code path} is a jar
 */
record ClassOrigin(Path path, boolean jar) {

    /**
     * The origin of a resource a class loader found, given the resource's name; empty for the JDK's own classes
     * ({@code jrt:}) and for anything else that is neither a file nor a jar entry.
     */
    static Optional<ClassOrigin> of(URL resource, String resourceName) {
        try {
            switch (resource.getProtocol()) {
                case "file": {
                    Path file = Path.of(resource.toURI()).toAbsolutePath().normalize();
                    Path root = file;
                    for (int depth = resourceName.split("/").length; depth > 0 && root != null; depth--) {
                        root = root.getParent();
                    }
                    return Optional.ofNullable(root).map(directory -> new ClassOrigin(directory, false));
                }
                case "jar": {
                    String spec = resource.getFile();
                    int separator = spec.indexOf("!/");
                    URI jar = new URI(separator < 0 ? spec : spec.substring(0, separator));
                    if (!"file".equals(jar.getScheme())) {
                        return Optional.empty();
                    }
                    return Optional.of(new ClassOrigin(Path.of(jar).toAbsolutePath().normalize(), true));
                }
                default:
                    return Optional.empty();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
