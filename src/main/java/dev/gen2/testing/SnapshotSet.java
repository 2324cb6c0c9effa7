package dev.gen2.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The snapshot files of one backend under one name, and the list that says which they are:
 * {@code <name>.snapshots.txt}, one file name a line. File names alone cannot say it: {@code sample-data-x.json}
 * may be the stack {@code data/x} of {@code sample} or the stack {@code x} of another backend named
 * {@code sample-data}. The list is what lets an update remove the snapshot of a stack that is gone, and a normal run
 * name it, without touching another backend's files.
 */
final class SnapshotSet {
    private static final String LIST_SUFFIX = ".snapshots.txt";
    private static final String HEADER = "# The snapshots of the backend '%s', one file a line (dev.gen2.testing"
            + ".TemplateSnapshots).\n# -D" + TemplateSnapshots.UPDATE_PROPERTY + "=true rewrites this list and"
            + " removes the snapshots of stacks the backend no longer has.\n";

    private final Path directory;
    private final String name;

    SnapshotSet(Path directory, String name) {
        this.directory = directory;
        this.name = name;
    }

    /** The snapshot file of one of the backend's groups: {@code <name>-<group>.json}, slashes as {@code -}. */
    String fileOf(String group) {
        return name + "-" + group.replace('/', '-') + ".json";
    }

    /** The list's file name. */
    String listName() {
        return name + LIST_SUFFIX;
    }

    /**
     * Squares the list with the backend's snapshot files now, as the mode allows, and returns what does not match:
     * a listed snapshot whose stack is gone, and under CI a missing list or one that does not name a file.
     */
    List<String> reconcile(SortedSet<String> current, SnapshotMode mode) {
        Optional<SortedSet<String>> listed = listed();
        if (mode == SnapshotMode.UPDATE) {
            listed.ifPresentOrElse(files -> removeGone(files, current), () -> noteUnlisted(current));
            write(current, listed);
            return List.of();
        }
        if (listed.isEmpty()) {
            if (mode == SnapshotMode.CI) {
                return List.of(listName() + ": missing (it names the snapshots of '" + name + "', and under CI"
                        + " nothing is written: run the tests without CI, or with -D"
                        + TemplateSnapshots.UPDATE_PROPERTY + "=true, and commit it)");
            }
            write(current, listed);
            noteUnlisted(current);
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (String file : listed.get()) {
            if (!current.contains(file)) {
                problems.add(file + ": the snapshot of a stack the backend no longer has (-D"
                        + TemplateSnapshots.UPDATE_PROPERTY + "=true removes it and its line in " + listName() + ")");
            }
        }
        TreeSet<String> unlisted = new TreeSet<>(current);
        unlisted.removeAll(listed.get());
        if (mode == SnapshotMode.CI) {
            // a missing snapshot is reported as such; an existing one the list does not name is the list's fault
            unlisted.stream().filter(file -> Files.exists(directory.resolve(file))).forEach(file -> problems.add(
                    listName() + ": does not name " + file + " (under CI nothing is written: run the tests without"
                            + " CI and commit the list)"));
        } else if (!unlisted.isEmpty()) {
            TreeSet<String> kept = new TreeSet<>(listed.get());
            kept.addAll(unlisted);
            write(kept, listed);
        }
        return problems;
    }

    /** The files the list names; empty when there is no list. */
    private Optional<SortedSet<String>> listed() {
        Path list = directory.resolve(listName());
        if (!Files.exists(list)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(list, StandardCharsets.UTF_8)) {
            return Optional.of(lines.map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the snapshot list " + list, e);
        }
    }

    private void removeGone(SortedSet<String> listed, SortedSet<String> current) {
        for (String file : listed) {
            Path path = directory.resolve(file);
            try {
                if (!current.contains(file) && Files.deleteIfExists(path)) {
                    System.out.println("[gen2] snapshot removed (the backend no longer has its stack): " + path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the snapshot " + path, e);
            }
        }
    }

    private void write(SortedSet<String> files, Optional<SortedSet<String>> before) {
        if (before.isPresent() && before.get().equals(files)) {
            return;
        }
        Path list = directory.resolve(listName());
        try {
            Files.createDirectories(directory);
            Files.writeString(list, String.format(HEADER, name) + String.join("\n", files) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the snapshot list " + list, e);
        }
        System.out.println("[gen2] snapshot list " + (before.isPresent() ? "rewritten: " : "created: ") + list);
    }

    /** A new list cannot know older files: it names those that look like the set's, for the developer to judge. */
    private void noteUnlisted(SortedSet<String> current) {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> lookAlike = files.map(file -> file.getFileName().toString())
                    .filter(file -> file.startsWith(name + "-") && file.endsWith(".json") && !current.contains(file))
                    .sorted().toList();
            if (!lookAlike.isEmpty()) {
                System.out.println("[gen2] note: " + listName() + " does not name " + String.join(", ", lookAlike)
                        + ", named like snapshots of '" + name + "' but of no stack it has now: delete those that are"
                        + " old snapshots of '" + name + "' (not another backend's).");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the snapshots in " + directory, e);
        }
    }
}
