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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on a real directory. The tests wait for what the watcher reports or counts, never for time to pass:
 * where a burst's grouping matters, the test holds the watcher's clock still until every change is counted, so
 * that a busy machine that delays a write cannot split it.
 */
class SourceWatcherTest {
    private static final Duration QUIET = Duration.ofMillis(150);
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path temp;
    private Path root;
    private Path staging;

    private final LinkedBlockingQueue<Set<Path>> changes = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Long> reportedAt = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Path> counted = new LinkedBlockingQueue<>();
    /** The watcher's clock, when a test holds it: it moves only when the test moves it. */
    private final AtomicLong heldClock = new AtomicLong();
    private SourceWatcher watcher;

    @BeforeEach
    void directories() throws IOException {
        root = Files.createDirectory(temp.resolve("project"));
        staging = Files.createDirectory(temp.resolve("staging"));
    }

    @AfterEach
    void stop() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** Watches with the real clock. */
    private void watch(WatchExclusions exclusions) throws IOException {
        watcher = new SourceWatcher(root, exclusions, QUIET, changed -> {
            reportedAt.add(System.nanoTime());
            changes.add(Set.copyOf(changed));
        });
    }

    /** Watches with a clock the test holds, seeing each change the watcher counts. */
    private void watchWithHeldClock() throws IOException {
        watcher = new SourceWatcher(root, WatchExclusions.none(root), QUIET, changed -> changes.add(
                Set.copyOf(changed)), heldClock::get, counted::add);
    }

    private void awaitCounted(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        for (Path next = null; !path.toAbsolutePath().equals(next); ) {
            next = counted.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(next).as("%s counted within %d ms", path, WAIT_MS).isNotNull();
        }
    }

    private Set<Path> nextChange() throws InterruptedException {
        Set<Path> change = changes.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(change).as("a change reported within %d ms", WAIT_MS).isNotNull();
        return change;
    }

    /**
     * The changes reported until each of {@code expected} has been, together (all absolute). Events of one
     * directory come in order, so a file written last in each directory a test touches (a marker) means all that
     * was written there before it has been seen too.
     */
    private Set<Path> changesUntilSeen(Path... expected) throws InterruptedException {
        Set<Path> wanted = new HashSet<>();
        for (Path path : expected) {
            wanted.add(path.toAbsolutePath());
        }
        Set<Path> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!seen.containsAll(wanted)) {
            Set<Path> change = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(change).as("%s reported within %d ms; so far %s", wanted, WAIT_MS, seen).isNotNull();
            seen.addAll(change);
        }
        return seen;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8).toAbsolutePath();
    }

    /**
     * Puts a file in place as one event: written outside the watched tree, then renamed onto {@code file} (a write
     * gives a creation and one or more modifications, which may be counted after the test has moved on).
     */
    private Path put(Path file, String text) throws IOException {
        Path staged = Files.writeString(Files.createTempFile(staging, "staged", ".java"), text,
                StandardCharsets.UTF_8);
        return Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
                .toAbsolutePath();
    }

    @Test
    void aBurstIsOneChangeReportedOnlyOnceItsQuietPeriodHasPassed() throws Exception {
        watchWithHeldClock();
        Path a = put(root.resolve("A.java"), "class A {}");
        Path b = put(root.resolve("B.java"), "class B {}");
        for (int i = 0; i < 5; i++) {
            put(a, "class A { int x" + i + "; }");
        }
        Files.delete(b);
        Path last = put(root.resolve("Last.java"), "class Last {}");
        awaitCounted(last); // one event a change, in order: all of them are counted
        assertThat(changes).as("nothing is reported while the clock stands still").isEmpty();

        heldClock.addAndGet(QUIET.toNanos() - 1);
        Path late = put(root.resolve("Late.java"), "class Late {}");
        awaitCounted(late);
        heldClock.addAndGet(QUIET.toNanos() - 1);
        assertThat(changes).as("a change within the quiet period starts it again").isEmpty();

        heldClock.addAndGet(1);
        assertThat(nextChange()).containsExactlyInAnyOrder(a, b, last, late);
        assertThat(changes).isEmpty();
    }

    @Test
    void aWrittenFileIsReportedNoSoonerThanTheQuietPeriodAfter() throws Exception {
        watch(WatchExclusions.none(root));
        long written = System.nanoTime();
        Path file = write(root.resolve("Backend.java"), "class Backend {}");

        assertThat(nextChange()).containsExactly(file);
        assertThat(reportedAt.take() - written).as("reported after the quiet period")
                .isGreaterThanOrEqualTo(QUIET.toNanos());
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
        // written last in each watched directory written to
        Path source = write(root.resolve("src/Backend.java"), "class Backend {}");
        Path deepSource = write(root.resolve("src/deep/Deep.java"), "class Deep {}");
        Path topSource = write(root.resolve("Top.java"), "class Top {}");

        // src/deep is new (and so reported) but its debug.log is ignored.
        assertThat(changesUntilSeen(source, deepSource, topSource)).containsExactlyInAnyOrder(source, deepSource,
                topSource, root.resolve("src/deep").toAbsolutePath());
    }

    @Test
    void editorsTemporaryFilesGiveNoChangeButTheSourceTheySaveDoes() throws Exception {
        Path functions = Files.createDirectories(root.resolve("functions"));
        Path source = write(functions.resolve("FunctionConfig.java"), "class FunctionConfig {}");
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
        Path marker = write(functions.resolve("Marker.java"), "class Marker {}");

        assertThat(changesUntilSeen(source, marker)).containsExactlyInAnyOrder(source, marker);
    }

    @Test
    void aNewSubdirectoryIsWatched() throws Exception {
        watch(WatchExclusions.none(root));
        Path directory = Files.createDirectories(root.resolve("data")).toAbsolutePath();
        assertThat(changesUntilSeen(directory)).containsExactly(directory);
        assertThat(watcher.watchedDirectories()).contains(directory);

        Path file = write(directory.resolve("Schema.java"), "class Schema {}");
        assertThat(changesUntilSeen(file)).containsExactly(file);

        Path nested = write(root.resolve("auth/triggers/PreSignUp.java"), "class PreSignUp {}");
        assertThat(changesUntilSeen(nested)).as("a file made with its new directories at once").contains(nested);
        Path later = write(root.resolve("auth/triggers/PostConfirmation.java"), "class PostConfirmation {}");
        assertThat(changesUntilSeen(later)).as("in the directory registered on its creation").contains(later);
    }

    @Test
    void closeStopsTheWatch() throws Exception {
        watchWithHeldClock();
        Path before = put(root.resolve("Before.java"), "class Before {}");
        awaitCounted(before);
        watcher.close();
        heldClock.addAndGet(QUIET.toNanos());
        write(root.resolve("Backend.java"), "class Backend {}");
        assertThat(changes.poll(QUIET.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS))
                .as("the burst under way is dropped, and nothing after the close is seen").isNull();
        assertThat(counted).isEmpty();
    }
}
