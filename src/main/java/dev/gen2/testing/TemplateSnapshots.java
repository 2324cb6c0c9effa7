package dev.gen2.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Snapshot tests of a backend's templates: each group's template is compared with
 * {@code <directory>/<name>-<group>.json} (slashes in the group become {@code -}), after normalizing what changes
 * without the backend changing (asset hashes and keys, the library's version); {@code <name>.snapshots.txt} lists
 * the backend's snapshot files. A mismatch fails with the resources and properties that changed, not the whole
 * template, and a listed snapshot whose stack is gone fails, named.
 *
 * <p>A missing snapshot (or list) is written, and the test passes, saying so; under CI (the {@code CI} variable, see
 * {@link ContinuousIntegration}) nothing is written and it fails instead, naming the file, as Jest's {@code --ci}
 * does. {@code -Dsnapshot.update=true} rewrites them all, even under CI, and removes the listed snapshots of stacks
 * the backend no longer has; files the list does not name (another backend's) are never touched.
 */
public final class TemplateSnapshots {
    /** Where snapshots live unless told otherwise. */
    public static final Path DEFAULT_DIRECTORY = Path.of("src", "test", "resources", "snapshots");
    /** The system property that rewrites the snapshots. */
    public static final String UPDATE_PROPERTY = "snapshot.update";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final int VALUE_WIDTH = 100;

    private final Path directory;
    private final Supplier<SnapshotMode> mode;

    private TemplateSnapshots(Path directory, Supplier<SnapshotMode> mode) {
        this.directory = directory;
        this.mode = mode;
    }

    /** Snapshots in {@link #DEFAULT_DIRECTORY}. */
    public static TemplateSnapshots inDefaultDirectory() {
        return in(DEFAULT_DIRECTORY);
    }

    /** Snapshots in the given directory. */
    public static TemplateSnapshots in(Path directory) {
        return new TemplateSnapshots(directory, SnapshotMode::current);
    }

    /** The same snapshots compared in the given mode, whatever the run's property and environment say. */
    TemplateSnapshots withMode(SnapshotMode fixed) {
        return new TemplateSnapshots(directory, () -> fixed);
    }

    /**
     * Compares every template of the backend with its snapshot {@code <name>-<group>.json}, and the backend's stacks
     * with the list of its snapshots, {@code <name>.snapshots.txt}.
     */
    public void assertMatches(SynthesizedBackend backend, String name) {
        SnapshotMode current = mode.get();
        SnapshotSet set = new SnapshotSet(directory, name);
        List<String> differences = new ArrayList<>();
        TreeSet<String> files = new TreeSet<>();
        backend.templates().forEach((group, template) -> {
            String file = set.fileOf(group);
            files.add(file);
            differences.addAll(compare(file, template.toJSON(), current));
        });
        differences.addAll(set.reconcile(files, current));
        if (!differences.isEmpty()) {
            throw new AssertionError("The templates do not match their snapshots in " + directory + " (if the"
                    + " change is intended, run the test again with -D" + UPDATE_PROPERTY + "=true and review the"
                    + " files):\n" + String.join("\n", differences));
        }
    }

    /**
     * The differences of one template from its snapshot file; writes the file when asked to, or when it is missing
     * outside CI.
     */
    private List<String> compare(String fileName, Map<String, Object> template, SnapshotMode current) {
        String actual = normalize(write(template));
        Path file = directory.resolve(fileName);
        try {
            boolean missing = !Files.exists(file);
            if (missing && current == SnapshotMode.CI) {
                return List.of(fileName + ": missing (under CI a snapshot is not written: run the test without CI"
                        + " to create it, review it and commit it)");
            }
            if (missing || current == SnapshotMode.UPDATE) {
                Files.createDirectories(directory);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                System.out.println("[gen2] snapshot " + (missing ? "created: " : "rewritten: ") + file);
                return List.of();
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            return expected.equals(actual) ? List.of() : describe(fileName, JSON.readTree(expected),
                    JSON.readTree(actual));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the snapshot " + file, e);
        }
    }

    /** A template as JSON, with asset hashes and the library's version replaced by placeholders. */
    static String normalize(String template) {
        return template
                .replaceAll("[0-9a-f]{64}", "<asset-hash>")
                .replaceAll("gen2-backend-java@[0-9A-Za-z.-]+", "gen2-backend-java@<version>") + "\n";
    }

    /** One line per changed resource or section entry, with each changed property's path and values. */
    static List<String> describe(String fileName, JsonNode expected, JsonNode actual) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> sections = new TreeSet<>();
        expected.fieldNames().forEachRemaining(sections::add);
        actual.fieldNames().forEachRemaining(sections::add);
        for (String section : sections) {
            JsonNode before = expected.path(section);
            JsonNode after = actual.path(section);
            if (before.equals(after)) {
                continue;
            }
            if (!before.isObject() || !after.isObject()) {
                lines.add(fileName + ": " + section + ": " + shorten(before) + " -> " + shorten(after));
                continue;
            }
            TreeSet<String> entries = new TreeSet<>();
            before.fieldNames().forEachRemaining(entries::add);
            after.fieldNames().forEachRemaining(entries::add);
            for (String entry : entries) {
                String where = fileName + ": " + section + "." + entry;
                if (!before.has(entry)) {
                    lines.add(where + " added (" + after.get(entry).path("Type").asText("") + ")");
                } else if (!after.has(entry)) {
                    lines.add(where + " removed (" + before.get(entry).path("Type").asText("") + ")");
                } else {
                    changes(where, before.get(entry), after.get(entry), lines);
                }
            }
        }
        return lines;
    }

    private static void changes(String path, JsonNode before, JsonNode after, List<String> lines) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                changes(path + "." + key, before.path(key), after.path(key), lines);
            }
            return;
        }
        lines.add(path + ": " + shorten(before) + " -> " + shorten(after));
    }

    private static String shorten(JsonNode value) {
        String text = value.isMissingNode() ? "(none)" : value.toString();
        return text.length() <= VALUE_WIDTH ? text : text.substring(0, VALUE_WIDTH) + "...";
    }

    private static String write(Map<String, Object> template) {
        try {
            return JSON.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A template is plain JSON", e);
        }
    }
}
