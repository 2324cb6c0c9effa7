package dev.gen2.backend.function.packaging;

import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Packages one Java function from the classes its handler reaches ({@link ClassClosure}), wherever the project keeps
 * them and with no build configuration: the classes of class directories (the project's {@code target/classes}) go
 * to the zip's root with the other files of their packages; a jar any reached class comes from goes whole into
 * {@code lib/}. This library's own jar is the exception: only the classes reached from it are copied, and those may
 * only be its run-time helpers ({@code dev.gen2.runtime}). A handler that reaches synth-time code (aws-cdk-lib, jsii,
 * constructs, picocli, the rest of this library) is refused with the chain of classes that leads there.
 *
 * <p>The zip is written once per content, to {@code <tmp>/gen2-backend-assets/java-function-<hash>.zip}: the same
 * classes and jars give the same bytes, so the function's asset hash changes only when its code does.
 */
public final class JavaFunctionPackager {
    private static final String FORMAT = "gen2-java-function-package-2";
    private static final Map<ClassClosure.JarKey, String> JAR_DIGESTS = new ConcurrentHashMap<>();

    /** Packages that run at synth time only, with the name a user knows them by. */
    private static final Map<String, String> SYNTH_TIME_PACKAGES = Map.of(
            "software/amazon/awscdk/", "aws-cdk-lib",
            "software/amazon/jsii/", "jsii",
            "software/constructs/", "constructs",
            "picocli/", "picocli",
            "dev/gen2/", "gen2-backend's synth-time code");
    private static final String RUNTIME_PACKAGE = "dev/gen2/runtime/";

    private JavaFunctionPackager() {
    }

    /**
     * Packages the function whose handler is {@code handler}, through the class loader that loaded it.
     *
     * @param where the function's option, for errors, such as {@code function 'report'.javaHandler}
     * @param javaVersion the Java version of the function's runtime, such as 21: no class may be built for a newer one
     * @throws BackendConfigException if the handler reaches synth-time code or a class the runtime cannot load
     */
    public static JavaFunctionPackage build(String where, Class<?> handler, int javaVersion) {
        ClassClosure closure;
        try {
            closure = ClassClosure.of(handler.getClassLoader(), handler.getName(),
                    name -> synthTimeLibrary(name).isPresent());
        } catch (ClassClosure.UnreadableClassException e) {
            throw new BackendConfigException(where, e.getMessage() + ".", "build that class (or choose a version of"
                    + " its jar) for the function's Java runtime; if it is built so, the class file format is newer"
                    + " than this library's class reader knows: report the class.");
        }
        if (closure.find(handler.getName().replace('.', '/')).isEmpty()) {
            throw new BackendConfigException(where, "The class file of the handler " + handler.getName() + " cannot"
                    + " be found through the class loader that loaded it, so it cannot be packaged.", "write the"
                            + " handler in the project's sources (src/main/java) or take it from a jar on the"
                            + " project's classpath.");
        }
        refuseSynthTimeCode(where, handler, closure);
        closure.newestClassFile().filter(newest -> newest.getValue() > javaVersion).ifPresent(newest -> {
            throw new BackendConfigException(where.replaceFirst("\\.javaHandler$", "") + ".runtime", "The class "
                    + newest.getKey().name().replace('/', '.') + " (in " + newest.getKey().origin().path() + ") is built"
                    + " for Java " + newest.getValue() + ", but the function runs on Java " + javaVersion + ", which"
                    + " cannot load it.", "choose the runtime FunctionRuntime.JAVA_" + newest.getValue() + " if Lambda"
                            + " offers it, or build that class (or choose a version of its jar) for Java "
                            + javaVersion + " (maven.compiler.release).");
        });
        Optional<ClassOrigin> library = libraryOrigin();
        SortedMap<String, Supplier<byte[]>> entries = new TreeMap<>();
        Set<String> classes = new TreeSet<>();
        Set<Path> jars = new LinkedHashSet<>();
        Map<Path, Path> packageDirectories = new TreeMap<>();
        for (ClassClosure.Reached reached : closure.classes()) {
            ClassOrigin origin = reached.origin();
            if (!copiedClassByClass(origin, library)) {
                jars.add(origin.path());
                continue;
            }
            String entry = reached.name() + ".class";
            classes.add(entry);
            entries.put(entry, new EntryContent.OfOrigin(origin, entry));
            if (!origin.jar()) {
                packageDirectories.put(origin.path().resolve(entry).getParent(), origin.path());
            }
        }
        packageDirectories.forEach((directory, root) -> addPackageFiles(entries, root, directory));
        addServiceFiles(entries, closure, library);
        List<String> jarNames = addJars(entries, jars);
        String contentHash = contentHash(entries);
        Path zip = Path.of(System.getProperty("java.io.tmpdir"), "gen2-backend-assets",
                "java-function-" + contentHash.substring(0, 20) + ".zip");
        if (!Files.isRegularFile(zip)) {
            ReproducibleZip.write(zip, entries);
        }
        try {
            return new JavaFunctionPackage(zip, contentHash, List.copyOf(classes), jarNames, Files.size(zip));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + zip, e);
        }
    }

    private static void refuseSynthTimeCode(String where, Class<?> handler, ClassClosure closure) {
        for (ClassClosure.Reached reached : closure.classes()) {
            Optional<String> library = synthTimeLibrary(reached.name());
            if (library.isPresent()) {
                throw new BackendConfigException(where, "The handler " + handler.getName() + " reaches "
                        + reached.name().replace('/', '.') + " (" + library.get() + ", which runs only at synth time):"
                        + " " + closure.chainTo(reached.name()) + ".", "keep the handler's code apart from the"
                                + " backend's definition: move what both use into classes that use neither"
                                + " aws-cdk-lib nor dev.gen2.backend (dev.gen2.runtime is for handlers).");
            }
        }
    }

    private static Optional<String> synthTimeLibrary(String internalName) {
        if (internalName.startsWith(RUNTIME_PACKAGE)) {
            return Optional.empty();
        }
        return SYNTH_TIME_PACKAGES.entrySet().stream().filter(entry -> internalName.startsWith(entry.getKey()))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * Whether the classes of an origin are packaged one by one (a class directory, or this library's jar) rather than
     * as a whole jar in {@code lib/}.
     */
    private static boolean copiedClassByClass(ClassOrigin origin, Optional<ClassOrigin> library) {
        return !origin.jar() || library.filter(origin::equals).isPresent();
    }

    /** The directory or jar this library's classes come from. */
    private static Optional<ClassOrigin> libraryOrigin() {
        String resource = JavaFunctionPackager.class.getName().replace('.', '/') + ".class";
        URL url = JavaFunctionPackager.class.getClassLoader().getResource(resource);
        return url == null ? Optional.empty() : ClassOrigin.of(url, resource);
    }

    /** The files other than classes in a package directory of the project (resources the handler may read), once. */
    private static void addPackageFiles(SortedMap<String, Supplier<byte[]>> entries, Path root, Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".class"))
                    .forEach(file -> entries.putIfAbsent(root.relativize(file).toString().replace('\\', '/'),
                            new EntryContent.File(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    /**
     * The services files of class directories (and of this library's jar) that register a reached provider; those in
     * packaged jars come with their jar. Files of one name from several origins are joined, as a class loader reads
     * them all.
     */
    private static void addServiceFiles(SortedMap<String, Supplier<byte[]>> entries, ClassClosure closure,
            Optional<ClassOrigin> library) {
        Map<String, List<byte[]>> byName = new TreeMap<>();
        for (ClassClosure.ServiceFile file : closure.serviceFiles()) {
            if (copiedClassByClass(file.origin(), library)) {
                byName.computeIfAbsent(file.name(), name -> new ArrayList<>()).add(file.content());
            }
        }
        byName.forEach((name, contents) -> entries.put(name, () -> {
            StringBuilder joined = new StringBuilder();
            contents.forEach(content -> joined.append(new String(content, StandardCharsets.UTF_8).strip())
                    .append('\n'));
            return joined.toString().getBytes(StandardCharsets.UTF_8);
        }));
    }

    /** Adds each jar as {@code lib/<file name>} (a second jar of the same name gets its directory's name first). */
    private static List<String> addJars(SortedMap<String, Supplier<byte[]>> entries, Set<Path> jars) {
        List<String> names = new ArrayList<>();
        for (Path jar : jars.stream().sorted().toList()) {
            String name = jar.getFileName().toString();
            if (names.contains(name)) {
                name = jar.getParent().getFileName() + "-" + name;
            }
            names.add(name);
            entries.put("lib/" + name, new EntryContent.Jar(jar));
        }
        return names.stream().sorted().toList();
    }

    /** A hash of every entry's name and content; a jar's digest is computed once while it is unchanged. */
    private static String contentHash(SortedMap<String, Supplier<byte[]>> entries) {
        MessageDigest digest = sha256();
        digest.update(FORMAT.getBytes(StandardCharsets.UTF_8));
        entries.forEach((name, content) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(HexFormat.of().parseHex(entryDigest(content)));
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String entryDigest(Supplier<byte[]> content) {
        if (content instanceof EntryContent.Jar jar) {
            return JAR_DIGESTS.computeIfAbsent(ClassClosure.JarKey.of(jar.path()),
                    key -> HexFormat.of().formatHex(sha256().digest(jar.get())));
        }
        return HexFormat.of().formatHex(sha256().digest(content.get()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
