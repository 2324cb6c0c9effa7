package dev.gen2.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Java functions' packages in a synthesized assembly, one line each: the function's name, the zip's size, how
 * many classes and jars it holds. Read from the templates (a function on a {@code java*} runtime, its asset named
 * by {@code aws:asset:path}) so it describes exactly what a deploy uploads.
 */
public final class JavaFunctionPackages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaFunctionPackages() {
    }

    /** Lines such as {@code Java function 'report': 12.9 MB (2 classes, 35 jars)}, by function name. */
    public static List<String> describe(Path assembly) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(assembly)) {
            for (Path template : files.filter(file -> file.getFileName().toString().endsWith(".template.json"))
                    .sorted().toList()) {
                for (JsonNode resource : JSON.readTree(template.toFile()).path("Resources")) {
                    if (resource.path("Type").asText().equals("AWS::Lambda::Function")
                            && resource.path("Properties").path("Runtime").asText().startsWith("java")) {
                        String asset = resource.path("Metadata").path("aws:asset:path").asText("");
                        if (!asset.isEmpty() && Files.isRegularFile(assembly.resolve(asset))) {
                            lines.add(describe(name(resource), assembly.resolve(asset)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the assembly in " + assembly, e);
        }
        Collections.sort(lines);
        return lines;
    }

    private static String name(JsonNode function) {
        for (JsonNode tag : function.path("Properties").path("Tags")) {
            if (tag.path("Key").asText().equals("amplify:friendly-name")) {
                return tag.path("Value").asText();
            }
        }
        return function.path("Properties").path("Handler").asText();
    }

    private static String describe(String name, Path zip) throws IOException {
        int classes = 0;
        int jars = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    jars++;
                } else if (entry.getName().endsWith(".class")) {
                    classes++;
                }
            }
        }
        return String.format(Locale.ROOT, "Java function '%s': %.1f MB (%d classes, %d jars)", name,
                Files.size(zip) / 1_000_000.0, classes, jars);
    }
}
