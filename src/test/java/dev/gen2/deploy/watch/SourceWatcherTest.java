package dev.gen2.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatcherTest {
    private static final Duration QUIET = Duration.ofMillis(150);
    private static final long WAIT_MS = 5_000;

    @TempDir
    Path root;

    private final LinkedBlockingQueue<Set<Path>> changes = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Long> reportedAt = new LinkedBlockingQueue<>();
    private SourceWatcher watcher;

    @AfterEach
    void stop() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void watch(WatchExclusions exclusions) throws IOException {
        watcher = new SourceWatcher(root, exclusions, QUIET, changed -> {
            reportedAt.add(System.nanoTime());
            changes.add(Set.copyOf(changed));
        });
    }

    private Set<Path> nextChange() throws InterruptedException {
        Set<Path> change = changes.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(change).as("a change reported within %d ms", WAIT_MS).isNotNull();
        return change;
    }

    /** The changes reported until each of {@code expected} has been, together (all absolute). */
    private Set<Path> changesUntilSeen(Path... expected) throws InterruptedException {
        Set<Path> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!seen.containsAll(Set.of(expected))) {
            Set<Path> change = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(change).as("%s reported within %d ms; so far %s", List.of(expected), WAIT_MS, seen)
                    .isNotNull();
            seen.addAll(change);
        }
        return seen;
    }

    private void assertNoMoreChangesWithin(Duration duration) throws InterruptedException {
        assertThat(changes.poll(duration.toMillis(), TimeUnit.MILLISECONDS)).as("no further change").isNull();
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void aWrittenFileGivesOneChangeAfterTheQuietPeriod() throws Exception {
        watch(WatchExclusions.none(root));
        long written = System.nanoTime();
        Path file = write(root.resolve("Backend.java"), "class Backend {}");

        assertThat(nextChange()).containsExactly(file.toAbsolutePath());
        assertThat(reportedAt.take() - written).as("reported after the quiet period")
                .isGreaterThanOrEqualTo(QUIET.toNanos());
        assertNoMoreChangesWithin(QUIET.multipliedBy(3));
    }

    @Test
    void aBurstGivesOneChange() throws Exception {
        watch(WatchExclusions.none(root));
        Path a = write(root.resolve("A.java"), "class A {}");
        Path b = write(root.resolve("B.java"), "class B {}");
        for (int i = 0; i < 5; i++) {
            write(a, "class A { int x" + i + "; }");
            Thread.sleep(20);
        }
        Files.delete(b);

        assertThat(nextChange()).containsExactlyInAnyOrder(a.toAbsolutePath(), b.toAbsolutePath());
        assertNoMoreChangesWithin(QUIET.multipliedBy(3));
    }

    @Test
    void excludedAndGitignoredPathsGiveNone() throws Exception {
        Files.createDirectories(root.resolve("build"));
        Files.createDirectories(root.resolve("out"));
        Files.createDirectories(root.resolve("src/node_modules/pkg"));
        Path outputs = root.resolve("amplify_outputs.json");
        WatchExclusions exclusions = WatchExclusions.none(root)
                .withGlobs(List.of("build", "**/*.tmp"))
                .withGitignoreLines(root, List.of("# generated", "", "*.log", "/out/", "node_modules/",
                        "!keep.log"))
                .withPaths(List.of(outputs));
        watch(exclusions);
        assertThat(watcher.watchedDirectories()).contains(root.toAbsolutePath(), root.resolve("src"))
                .doesNotContain(root.resolve("build"), root.resolve("out"), root.resolve("src/node_modules"),
                        root.resolve("src/node_modules/pkg"));

        write(root.resolve("build/Backend.class"), "x");
        write(root.resolve("out/assembly.json"), "x");
        write(root.resolve("src/node_modules/pkg/index.js"), "x");
        write(root.resolve("src/deep/debug.log"), "x");
        write(root.resolve("keep.log"), "x");
        write(root.resolve("src/Edit.tmp"), "x");
        write(outputs, "{}");
        Path source = write(root.resolve("src/Backend.java"), "class Backend {}");

        // Only the source counts: src/deep is new (and so reported) but its debug.log is ignored.
        assertThat(nextChange()).containsExactlyInAnyOrder(source.toAbsolutePath(),
                root.resolve("src/deep").toAbsolutePath());
        assertNoMoreChangesWithin(QUIET.multipliedBy(2));
    }

    @Test
    void editorsTemporaryFilesGiveNoChangeButTheSourceTheySaveDoes() throws Exception {
        Path functions = Files.createDirectories(root.resolve("functions"));
        Path source = write(functions.resolve("FunctionConfig.java"), "class FunctionConfig {}").toAbsolutePath();
        watch(WatchExclusions.none(root));

        // sed -i: a temporary file beside the source, renamed over it
        Path sedTemporary = write(functions.resolve("sedkgroTH"), "class FunctionConfig { int timeout; }");
        Files.move(sedTemporary, source, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // vim: its check that it may write in the directory, its swap file and its backup
        Files.delete(write(functions.resolve("4913"), ""));
        write(functions.resolve(".FunctionConfig.java.swp"), "swap");
        Files.copy(source, functions.resolve("FunctionConfig.java~"));
        // emacs's lock and JetBrains' safe write
        write(functions.resolve(".#FunctionConfig.java"), "lock");
        Files.delete(write(functions.resolve("FunctionConfig.java___jb_tmp___"), "x"));
        // written last: once it is reported, so is everything before it
        Path marker = write(functions.resolve("Marker.java"), "class Marker {}").toAbsolutePath();

        assertThat(changesUntilSeen(source, marker)).containsExactlyInAnyOrder(source, marker);
    }

    @Test
    void aNewSubdirectoryIsWatched() throws Exception {
        watch(WatchExclusions.none(root));
        Path directory = Files.createDirectories(root.resolve("data"));
        assertThat(nextChange()).contains(directory.toAbsolutePath());
        assertThat(watcher.watchedDirectories()).contains(directory.toAbsolutePath());

        Path file = write(directory.resolve("Schema.java"), "class Schema {}");
        assertThat(nextChange()).containsExactly(file.toAbsolutePath());

        Path nested = write(root.resolve("auth/triggers/PreSignUp.java"), "class PreSignUp {}");
        assertThat(nextChange()).as("a file made with its new directories at once").contains(nested.toAbsolutePath());
        Path later = write(root.resolve("auth/triggers/PostConfirmation.java"), "class PostConfirmation {}");
        assertThat(nextChange()).containsExactly(later.toAbsolutePath());
    }

    @Test
    void closeStopsTheWatch() throws Exception {
        watch(WatchExclusions.none(root));
        watcher.close();
        write(root.resolve("Backend.java"), "class Backend {}");
        assertNoMoreChangesWithin(QUIET.multipliedBy(2));
    }
}
