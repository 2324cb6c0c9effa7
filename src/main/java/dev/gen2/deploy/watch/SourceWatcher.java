package dev.gen2.deploy.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches a directory tree for changes, as Amplify's sandbox watches {@code amplify/}: every directory of the tree
 * is registered with a {@link WatchService}, new subdirectories as they appear, excluded directories never; events
 * on excluded paths and on editors' temporary files ({@link EditorTemporaryFiles}) are dropped; and a burst of
 * events gives one {@code onChange} call, with the set of changed paths (absolute), once nothing has happened for
 * the quiet period (a trailing debounce).
 *
 * <p>The tree is registered when the constructor returns, so a change made after it is seen. {@code onChange} runs
 * on the watcher's own daemon thread; it should return quickly (hand the work to a {@link DeployLatch}). What it
 * throws goes to the thread's uncaught-exception handler and the watch goes on.
 *
 * <p>On macOS the JDK's {@code WatchService} polls (seconds of delay); on Linux and Windows it is event-driven.
 */
public final class SourceWatcher implements Closeable {
    private final Path root;
    private final WatchExclusions exclusions;
    private final Duration quietPeriod;
    private final Consumer<? super Set<Path>> onChange;
    private final LongSupplier clock;
    private final Consumer<? super Path> onCounted;
    private final WatchService service;
    private final Map<WatchKey, Path> directories = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Registers the tree under {@code root} and starts watching it.
     *
     * @param root the directory to watch, recursively
     * @param exclusions what to ignore (directories it excludes are not registered at all)
     * @param quietPeriod how long nothing must happen before a burst is reported (Amplify: a few hundred ms)
     * @param onChange receives the changed paths of each burst (never empty)
     * @throws IOException if {@code root} is not a directory or cannot be watched
     */
    public SourceWatcher(Path root, WatchExclusions exclusions, Duration quietPeriod,
            Consumer<? super Set<Path>> onChange) throws IOException {
        this(root, exclusions, quietPeriod, onChange, System::nanoTime, path -> { });
    }

    /**
     * As the public constructor, with the clock the quiet period is measured on (nanoseconds, as
     * {@link System#nanoTime()}) and a callback for each change counted into a burst, called on the watcher's thread:
     * a test that holds the clock still sees every change of a burst counted, however slowly it came, before it
     * moves the clock on.
     */
    SourceWatcher(Path root, WatchExclusions exclusions, Duration quietPeriod, Consumer<? super Set<Path>> onChange,
            LongSupplier clock, Consumer<? super Path> onCounted) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.exclusions = Objects.requireNonNull(exclusions, "exclusions");
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("The quiet period must not be negative: " + quietPeriod);
        }
        this.quietPeriod = quietPeriod;
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onCounted = Objects.requireNonNull(onCounted, "onCounted");
        if (!Files.isDirectory(this.root)) {
            throw new NoSuchFileException(this.root.toString(), null, "not a directory to watch");
        }
        this.service = this.root.getFileSystem().newWatchService();
        try {
            registerTree(this.root, new LinkedHashSet<>());
        } catch (IOException | UncheckedIOException e) {
            service.close();
            throw e;
        }
        this.thread = new Thread(this::watch, "gen2-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The watched directory (absolute). */
    public Path root() {
        return root;
    }

    /** The directories registered now (for diagnostics and tests). */
    public Set<Path> watchedDirectories() {
        synchronized (directories) {
            return Set.copyOf(directories.values());
        }
    }

    /** Stops watching; a burst not yet reported is dropped. Waits briefly for the watcher thread to end. */
    @Override
    public void close() throws IOException {
        closed = true;
        service.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void watch() {
        ChangeBurst burst = new ChangeBurst(quietPeriod);
        try {
            while (!closed) {
                WatchKey key;
                if (burst.isEmpty()) {
                    key = service.take();
                } else {
                    long left = burst.nanosLeft(clock.getAsLong());
                    if (left <= 0) {
                        report(burst.take());
                        continue;
                    }
                    key = service.poll(left, TimeUnit.NANOSECONDS);
                    if (key == null) {
                        continue; // the clock says whether the quiet period has passed
                    }
                }
                Set<Path> counted = handle(key);
                burst.add(counted, clock.getAsLong());
                counted.forEach(onCounted);
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the thread ends
        }
    }

    /** The key's changes that count (none when all were ignored). */
    private Set<Path> handle(WatchKey key) {
        Path directory;
        synchronized (directories) {
            directory = directories.get(key);
        }
        Set<Path> pending = new LinkedHashSet<>();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                // Events were lost: look for directories not registered yet, and report the tree as changed.
                registerQuietly(root, pending);
                pending.add(root);
                continue;
            }
            if (directory == null) {
                continue;
            }
            Path changed = directory.resolve((Path) event.context());
            if (ignores(changed)) {
                continue;
            }
            pending.add(changed);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
                registerQuietly(changed, pending);
            }
        }
        if (!key.reset()) {
            synchronized (directories) {
                directories.remove(key);
            }
        }
        return pending;
    }

    /** An excluded path, or an editor's temporary file (a directory of such a name still counts). */
    private boolean ignores(Path path) {
        return exclusions.excludes(path) || EditorTemporaryFiles.matches(path)
                && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    private void report(Set<Path> changes) {
        try {
            onChange.accept(changes);
        } catch (RuntimeException e) {
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }

    /** Registers a directory that just appeared; what is already inside it counts as changed. */
    private void registerQuietly(Path directory, Set<Path> pending) {
        try {
            registerTree(directory, pending);
        } catch (IOException | UncheckedIOException e) {
            // It went away again, or cannot be read: its parent's events still count.
        }
    }

    private void registerTree(Path start, Set<Path> found) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && exclusions.excludes(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                // Registering a directory again gives its key back while that is valid, else a new key (a
                // directory deleted and created again).
                WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                synchronized (directories) {
                    if (directories.put(key, dir) == null && !dir.equals(start)) {
                        found.add(dir);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!start.equals(root) && !ignores(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
