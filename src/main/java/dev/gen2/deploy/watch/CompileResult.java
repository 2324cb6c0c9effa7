package dev.gen2.deploy.watch;

import java.nio.file.Path;
import java.time.Duration;

/** What one {@link JavaRecompiler} round gives: fresh classes, or the compiler's errors. */
public sealed interface CompileResult {
    /** The round's number, from 1. */
    int round();

    /** How long the round took. */
    Duration took();

    /**
     * The sources compiled.
     *
     * @param classes the round's output directory, {@code target/gen2-sandbox/classes-<round>}
     * @param classLoader loads the round's classes child-first, everything else from the parent
     * @param sourceFiles how many source files were compiled
     */
    record Compiled(int round, Path classes, RecompiledClassLoader classLoader, int sourceFiles, Duration took)
            implements CompileResult {
    }

    /**
     * The sources did not compile.
     *
     * @param errors one error per line group, {@code path:line: message} (paths relative to the project
     *        directory), as javac prints them, without stack traces
     */
    record Failed(int round, String errors, Duration took) implements CompileResult {
    }
}
