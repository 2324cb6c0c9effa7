package dev.gen2.deploy.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which paths the sandbox's watcher ignores, as Amplify's sandbox ignores them: the {@code --exclude} globs, the
 * patterns of the project's {@code .gitignore} (without its {@code !} negations), and given files such as the
 * outputs file. Immutable: each {@code with...} returns a new instance.
 *
 * <p>A rule that matches a directory excludes everything under it.
 * <ul>
 * <li>Globs ({@link #withGlobs}) use {@link FileSystem#getPathMatcher glob syntax} ({@code *} within a name,
 * {@code **} across directories) and are matched against the path relative to the base directory, or against the
 * whole path when the glob is absolute: {@code build} excludes {@code <base>/build/**}, {@code *.md} only the
 * top-level Markdown files, {@code **}{@code /*.md} all of them.</li>
 * <li>{@code .gitignore} lines ({@link #withGitignore}) follow git's simple rules: blank lines and {@code #}
 * comments are skipped, {@code !} negations are skipped (as Amplify skips them), a trailing {@code /} matches
 * directories only, a pattern without any other {@code /} matches a name at any depth, and one with a {@code /}
 * is anchored at the {@code .gitignore}'s directory.</li>
 * <li>Paths ({@link #withPaths}) are excluded exactly, with everything under them.</li>
 * </ul>
 */
public final class WatchExclusions {
    private final Path base;
    private final List<Rule> rules;

    private WatchExclusions(Path base, List<Rule> rules) {
        this.base = base;
        this.rules = List.copyOf(rules);
    }

    /** Excludes nothing; relative globs and paths given later are relative to {@code base} (the watched tree). */
    public static WatchExclusions none(Path base) {
        return new WatchExclusions(normalize(base), List.of());
    }

    /** The directory relative globs and paths are resolved against. */
    public Path base() {
        return base;
    }

    /** Adds {@code --exclude} globs (relative to the base directory, or absolute). */
    public WatchExclusions withGlobs(Collection<String> globs) {
        List<Rule> added = new ArrayList<>(rules);
        for (String glob : globs) {
            String pattern = glob.strip().replace('\\', '/');
            if (pattern.isEmpty()) {
                continue;
            }
            boolean absolute = pattern.startsWith("/");
            Path dir = absolute ? base.getRoot() : base;
            String relative = trimSlashes(pattern);
            if (relative.isEmpty()) {
                continue;
            }
            added.add(new Rule(dir, List.of(matcher(relative)), false, false));
        }
        return new WatchExclusions(base, added);
    }

    /**
     * Adds the patterns of a {@code .gitignore} file, anchored at its directory; a missing file adds nothing.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public WatchExclusions withGitignore(Path gitignore) {
        Path file = normalize(gitignore);
        if (!Files.isRegularFile(file)) {
            return this;
        }
        try {
            return withGitignoreLines(file.getParent(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Adds {@code .gitignore} patterns given as lines, anchored at {@code directory}. */
    public WatchExclusions withGitignoreLines(Path directory, List<String> lines) {
        Path dir = normalize(directory);
        List<Rule> added = new ArrayList<>(rules);
        for (String line : lines) {
            String pattern = line.stripTrailing();
            if (pattern.isBlank() || pattern.startsWith("#") || pattern.startsWith("!")) {
                continue;
            }
            boolean directoryOnly = pattern.endsWith("/");
            String trimmed = trimSlashes(pattern);
            if (trimmed.isEmpty()) {
                continue;
            }
            boolean anchored = pattern.startsWith("/") || trimmed.contains("/");
            if (!anchored) {
                added.add(new Rule(dir, List.of(matcher(trimmed)), directoryOnly, true));
            } else if (trimmed.startsWith("**/")) {
                // git's leading **/ also matches at the top: Java's glob needs at least one directory before it.
                added.add(new Rule(dir, List.of(matcher(trimmed), matcher(trimmed.substring(3))), directoryOnly,
                        false));
            } else {
                added.add(new Rule(dir, List.of(matcher(trimmed)), directoryOnly, false));
            }
        }
        return new WatchExclusions(base, added);
    }

    /** Adds paths (relative to the base directory, or absolute) excluded with everything under them. */
    public WatchExclusions withPaths(Collection<Path> paths) {
        List<Rule> added = new ArrayList<>(rules);
        for (Path path : paths) {
            added.add(Rule.exactly(normalize(base.resolve(path))));
        }
        return new WatchExclusions(base, added);
    }

    /** Whether the path (relative to the base directory, or absolute) is excluded. */
    public boolean excludes(Path path) {
        Path absolute = normalize(base.resolve(path));
        for (Rule rule : rules) {
            if (rule.matches(absolute)) {
                return true;
            }
        }
        return false;
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    private static String trimSlashes(String pattern) {
        int start = 0;
        int end = pattern.length();
        while (start < end && pattern.charAt(start) == '/') {
            start++;
        }
        while (end > start && pattern.charAt(end - 1) == '/') {
            end--;
        }
        return pattern.substring(start, end);
    }

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * One rule: glob matchers tried on the path relative to {@code dir} and on each of its ancestors up to
     * {@code dir} (or, with {@code anyDepth}, on each of their names), or an exact path when there is no matcher.
     */
    private record Rule(Path dir, List<PathMatcher> matchers, boolean directoryOnly, boolean anyDepth) {
        static Rule exactly(Path path) {
            return new Rule(path, List.of(), false, false);
        }

        boolean matches(Path absolute) {
            if (!absolute.startsWith(dir)) {
                return false;
            }
            if (matchers.isEmpty()) {
                return true;
            }
            Path relative = dir.relativize(absolute);
            int names = relative.getNameCount();
            if (relative.toString().isEmpty()) {
                return false;
            }
            for (int i = 1; i <= names; i++) {
                Path prefix = relative.subpath(0, i);
                if (directoryOnly && i == names && !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path candidate = anyDepth ? prefix.getFileName() : prefix;
                for (PathMatcher matcher : matchers) {
                    if (matcher.matches(candidate)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
