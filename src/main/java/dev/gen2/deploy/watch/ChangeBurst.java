package dev.gen2.deploy.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The changes seen since the last report and when they are due: a trailing debounce, due once nothing has been
 * added for the quiet period. It reads no clock: each call is given the time ({@link System#nanoTime()} in the
 * watcher), so that its rule is tested with times a test chooses.
 */
final class ChangeBurst {
    private final long quietNanos;
    private Set<Path> changes = new LinkedHashSet<>();
    private long lastAddedAt;

    ChangeBurst(Duration quietPeriod) {
        this.quietNanos = quietPeriod.toNanos();
    }

    /** Adds changes seen at {@code now}; the burst is then due a whole quiet period later. Nothing added, no change. */
    void add(Collection<Path> paths, long now) {
        if (!paths.isEmpty()) {
            changes.addAll(paths);
            lastAddedAt = now;
        }
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** How long from {@code now} until the burst is due; zero or less when it is. */
    long nanosLeft(long now) {
        return lastAddedAt + quietNanos - now;
    }

    /** The burst's changes, in the order first seen; the burst is empty again. */
    Set<Path> take() {
        Set<Path> taken = Collections.unmodifiableSet(changes);
        changes = new LinkedHashSet<>();
        return taken;
    }
}
