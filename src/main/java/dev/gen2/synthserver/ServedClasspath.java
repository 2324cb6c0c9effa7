package dev.gen2.synthserver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the synth server loaded once and keeps: the dependency jars {@code target/classpath.txt} lists and the
 * library's own classes in {@code target/classes} (the parent-first packages, such as {@code dev/gen2/} in this
 * project), each file by size and modification time. The backend's own classes are not in it: each synth loads them
 * afresh. When this changes, the server is stale and must be restarted.
 *
 * @param classpath the classpath file's text
 * @param files every jar and library class file, path to size and modification time
 */
public record ServedClasspath(String classpath, Map<String, String> files) {

    public ServedClasspath {
        files = new TreeMap<>(files);
    }

    /**
     * Reads the state of the jars {@code classpathFile} lists and of the files under each of {@code classes}'
     * {@code libraryDirectories} (package paths such as {@code dev/gen2}).
     */
    public static ServedClasspath read(Path classes, Path classpathFile, List<String> libraryDirectories) {
        String classpath;
        try {
            classpath = Files.readString(classpathFile).trim();
        } catch (IOException e) {
            return new ServedClasspath("(unreadable: " + e.getMessage() + ")", Map.of());
        }
        Map<String, String> files = new TreeMap<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                files.put(entry, state(Path.of(entry)));
            }
        }
        for (String directory : libraryDirectories) {
            Path root = classes.resolve(directory);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(file -> files.put(file.toString(), state(file)));
            } catch (IOException | UncheckedIOException e) {
                files.put(root.toString(), "(unreadable: " + e.getMessage() + ")");
            }
        }
        return new ServedClasspath(classpath, files);
    }

    /** What differs between this (the server's start) and {@code now}, in a few words, or empty if nothing. */
    public Optional<String> changeTo(ServedClasspath now) {
        if (!classpath.equals(now.classpath)) {
            return Optional.of("the project's dependencies changed (target/classpath.txt)");
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getValue().equals(now.files.get(file.getKey()))) {
                return Optional.of(file.getKey() + " changed");
            }
        }
        return now.files.keySet().stream().filter(file -> !files.containsKey(file)).findFirst()
                .map(file -> file + " is new");
    }

    private static String state(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
