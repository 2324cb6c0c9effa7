package dev.gen2.deploy.watch;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a project's backend sources ({@code src/main/java}) in this JVM, each round into a fresh directory
 * {@code target/gen2-sandbox/classes-<round>}, and gives a {@link RecompiledClassLoader} over it: the watch loop's
 * replacement for {@code mvn compile} plus a new JVM.
 *
 * <p>Only sources outside the parent-first packages are compiled: a class in those packages always comes from the
 * parent class loader (the library's {@code dev.gen2.} among them), so compiling it would be wasted time. Every
 * other source is compiled each round (no incremental compile: a whole round of the sample app takes well under a
 * second once the compiler is warm, and a partial one could keep stale constants and signatures in the classes it
 * did not recompile). The classpath is this JVM's ({@code java.class.path}), so the project's dependencies and its
 * resources ({@code target/classes}) are visible, and resources are not copied.
 *
 * <p>A round's directory stays while its class loader may still be in use: after a successful round, the rounds
 * before the previous successful one are deleted, and a failed round's directory at once. Rounds are numbered from
 * 1 per instance; directories left by an earlier process are replaced. Not for concurrent use: one round at a time
 * (the deploy latch's worker calls it).
 */
public final class JavaRecompiler implements AutoCloseable {
    /** Packages whose classes always come from the parent: the JDK, aws-cdk-lib, constructs, jsii, Jackson, us. */
    public static final List<String> DEFAULT_PARENT_FIRST = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "software.amazon.", "software.constructs.", "com.fasterxml.", "dev.gen2.");

    private final Path projectDirectory;
    private final Path sources;
    private final Path outputRoot;
    private final String classpath;
    private final ClassLoader parent;
    private final List<String> parentFirst;
    private final JavaCompiler compiler;
    private final StandardJavaFileManager fileManager;
    private int round;
    private Path previousSuccess;
    private Path lastSuccess;

    /** Compiles {@code projectDirectory/src/main/java} against this JVM's classpath and class loader. */
    public JavaRecompiler(Path projectDirectory) {
        this(projectDirectory, System.getProperty("java.class.path", ""), JavaRecompiler.class.getClassLoader(),
                DEFAULT_PARENT_FIRST);
    }

    /**
     * @param projectDirectory the project; sources in {@code src/main/java}, output under {@code target/}
     * @param classpath the {@code -classpath} to compile against (the parent loader should see the same classes)
     * @param parent the class loader of everything not recompiled
     * @param parentFirst package prefixes (with their dot) that always come from {@code parent}
     */
    public JavaRecompiler(Path projectDirectory, String classpath, ClassLoader parent, List<String> parentFirst) {
        this.projectDirectory = projectDirectory.toAbsolutePath().normalize();
        this.sources = this.projectDirectory.resolve("src/main/java");
        this.outputRoot = this.projectDirectory.resolve("target/gen2-sandbox");
        this.classpath = classpath;
        this.parent = parent;
        this.parentFirst = List.copyOf(parentFirst);
        this.compiler = ToolProvider.getSystemJavaCompiler();
        this.fileManager = compiler == null ? null
                : compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    /** The directory the sources are read from, {@code src/main/java}. */
    public Path sourceDirectory() {
        return sources;
    }

    /**
     * Compiles the sources into the next round's directory. Compile errors are a {@link CompileResult.Failed}, not
     * an exception.
     *
     * @throws UncheckedIOException if the sources cannot be listed or the output directory cannot be made
     */
    public synchronized CompileResult compile() {
        long start = System.nanoTime();
        int thisRound = ++round;
        if (compiler == null) {
            return new CompileResult.Failed(thisRound, "No Java compiler in this JVM (java.home="
                    + System.getProperty("java.home") + "): run the sandbox with a JDK, not a JRE.", since(start));
        }
        if (thisRound == 1) {
            deleteEarlierRuns();
        }
        Path output = outputRoot.resolve("classes-" + thisRound);
        List<Path> files = sourceFiles();
        try {
            deleteTree(output);
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the class directory " + output, e);
        }
        if (!files.isEmpty()) {
            String errors = javac(files, output);
            if (errors != null) {
                deleteQuietly(output);
                return new CompileResult.Failed(thisRound, errors, since(start));
            }
        }
        RecompiledClassLoader loader = new RecompiledClassLoader("gen2-sandbox-" + thisRound, output, parent,
                parentFirst);
        if (previousSuccess != null) {
            deleteQuietly(previousSuccess);
        }
        previousSuccess = lastSuccess;
        lastSuccess = output;
        return new CompileResult.Compiled(thisRound, output, loader, files.size(), since(start));
    }

    /** Closes the compiler's file manager (it keeps the classpath's jars open between rounds). */
    @Override
    public synchronized void close() {
        if (fileManager != null) {
            try {
                fileManager.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }

    /** Returns the errors, or null when the sources compiled. */
    private String javac(List<Path> files, Path output) {
        List<String> options = List.of("-classpath", classpath, "--release", "17", "-encoding", "UTF-8",
                "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-g");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        boolean ok;
        try {
            fileManager.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            // Sources come only from the files listed: never a stale or library source found on the classpath.
            fileManager.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
            ok = compiler.getTask(out, fileManager, diagnostics, options, null, units).call();
            fileManager.flush();
        } catch (IOException | RuntimeException e) {
            return "javac: " + e.getMessage();
        }
        if (ok) {
            return null;
        }
        String errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(this::describe)
                .collect(Collectors.joining("\n"));
        if (errors.isEmpty()) {
            errors = out.toString().strip();
        }
        return errors.isEmpty() ? "javac failed without a message" : errors;
    }

    private String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String message = diagnostic.getMessage(Locale.ROOT);
        if (diagnostic.getSource() == null) {
            return "javac: " + message;
        }
        String file = relative(Path.of(diagnostic.getSource().toUri()));
        long line = diagnostic.getLineNumber();
        return line == Diagnostic.NOPOS ? file + ": " + message : file + ":" + line + ": " + message;
    }

    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(projectDirectory) ? projectDirectory.relativize(absolute) : absolute;
        return shown.toString().replace(File.separatorChar, '/');
    }

    private List<Path> sourceFiles() {
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            return walk.filter(path -> path.toString().endsWith(".java") && Files.isRegularFile(path))
                    .filter(path -> !path.getFileName().toString().equals("module-info.java"))
                    .filter(path -> !isParentFirst(packageOf(path)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the sources in " + sources, e);
        }
    }

    /** The package the source's directory names, with a trailing dot ({@code ""} for the default package). */
    private String packageOf(Path source) {
        Path directory = sources.relativize(source).getParent();
        if (directory == null) {
            return "";
        }
        List<String> names = new ArrayList<>();
        directory.forEach(name -> names.add(name.toString()));
        return String.join(".", names) + ".";
    }

    private boolean isParentFirst(String packagePrefix) {
        return !packagePrefix.isEmpty() && parentFirst.stream().anyMatch(packagePrefix::startsWith);
    }

    /** Deletes the round directories an earlier process left. */
    private void deleteEarlierRuns() {
        if (!Files.isDirectory(outputRoot)) {
            return;
        }
        try (Stream<Path> rounds = Files.list(outputRoot)) {
            rounds.filter(path -> path.getFileName().toString().startsWith("classes-"))
                    .forEach(JavaRecompiler::deleteQuietly);
        } catch (IOException e) {
            // they stay; each is replaced when its round number comes again
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void deleteQuietly(Path directory) {
        try {
            deleteTree(directory);
        } catch (IOException e) {
            // left behind: replaced when its round number comes again
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
