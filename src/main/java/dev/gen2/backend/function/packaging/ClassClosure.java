package dev.gen2.backend.function.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.zip.ZipFile;

/**
 * Every class a root class needs at run time, as a class loader finds them: the classes it names, the classes those
 * name, and so on, plus the providers that {@code META-INF/services} files register for any service interface
 * reached (how the AWS SDK finds its HTTP client and SLF4J its logger; only interfaces and abstract classes are
 * looked up as services). The JDK's own classes and names the class
 * loader cannot find are left out. A class the {@code stopAt} test accepts is recorded but not followed.
 */
final class ClassClosure {
    private static final String SERVICES = "META-INF/services/";
    /** What each jar's classes refer to, kept while the jar is unchanged: jars are read once per JVM. */
    private static final Map<JarKey, Map<String, ClassReferences>> JAR_REFERENCES = new ConcurrentHashMap<>();

    /**
     * A class reached from the root.
     *
     * @param name its internal name
     * @param origin the directory or jar it comes from
     * @param via the class (or services file) that first named it; empty for the root
     */
    record Reached(String name, ClassOrigin origin, Optional<String> via) {
    }

    /**
     * A {@code META-INF/services} file that registers a reached provider.
     *
     * @param name its name, such as {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}
     * @param origin where it was found
     * @param content its bytes
     */
    record ServiceFile(String name, ClassOrigin origin, byte[] content) {
    }

    private final ClassLoader loader;
    private final Predicate<String> stopAt;
    private final Map<String, Reached> reached = new LinkedHashMap<>();
    private Optional<Reached> newestClassFile = Optional.empty();
    private int newestJavaVersion;
    private final List<ServiceFile> serviceFiles = new ArrayList<>();
    private final Map<Path, ZipFile> openJars = new HashMap<>();
    private final Map<Path, JarKey> jarKeys = new HashMap<>();

    private ClassClosure(ClassLoader loader, Predicate<String> stopAt) {
        this.loader = loader;
        this.stopAt = stopAt;
    }

    /** The classes reached from {@code root} (a binary name such as {@code com.example.Handler}), root first. */
    static ClassClosure of(ClassLoader loader, String root, Predicate<String> stopAt) {
        ClassClosure closure = new ClassClosure(loader, stopAt);
        try {
            closure.walk(root.replace('.', '/'));
        } finally {
            closure.closeJars();
        }
        return closure;
    }

    /** Every class reached, in the order reached (breadth first, names sorted within a class). */
    List<Reached> classes() {
        return List.copyOf(reached.values());
    }

    Optional<Reached> find(String internalName) {
        return Optional.ofNullable(reached.get(internalName));
    }

    /** The first class reached whose class file is for the newest Java version among them, with that version. */
    Optional<Map.Entry<Reached, Integer>> newestClassFile() {
        return newestClassFile.map(found -> Map.entry(found, newestJavaVersion));
    }

    /** The services files that name reached providers, in the order found. */
    List<ServiceFile> serviceFiles() {
        return Collections.unmodifiableList(serviceFiles);
    }

    /** The chain from the root to a reached class: {@code a.Root -> b.Helper -> c.Target}. */
    String chainTo(String internalName) {
        Deque<String> chain = new ArrayDeque<>();
        Optional<String> current = Optional.of(internalName);
        while (current.isPresent() && chain.size() < 50) {
            String name = current.get();
            chain.addFirst(name.replace('/', '.'));
            current = reached.containsKey(name) ? reached.get(name).via() : Optional.empty();
        }
        return String.join(" -> ", chain);
    }

    private void walk(String root) {
        Deque<String> queue = new ArrayDeque<>();
        if (reach(root, Optional.empty())) {
            queue.add(root);
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            Reached current = reached.get(name);
            if (stopAt.test(name)) {
                continue;
            }
            ClassReferences references = references(current);
            if (references.javaVersion() > newestJavaVersion) {
                newestJavaVersion = references.javaVersion();
                newestClassFile = Optional.of(current);
            }
            for (String referenced : references.names()) {
                if (reach(referenced, Optional.of(name))) {
                    queue.add(referenced);
                }
            }
            for (String provider : references.serviceCandidate() ? providers(name) : List.<String>of()) {
                if (reach(provider, Optional.of(SERVICES + name.replace('/', '.')))) {
                    queue.add(provider);
                }
            }
        }
    }

    /** Records a class the first time it is named and found outside the JDK; true if it is new. */
    private boolean reach(String name, Optional<String> via) {
        if (reached.containsKey(name) || name.startsWith("java/") || name.startsWith("[")) {
            return false;
        }
        String resource = name + ".class";
        URL url = loader.getResource(resource);
        Optional<ClassOrigin> origin = url == null ? Optional.empty() : ClassOrigin.of(url, resource);
        if (origin.isEmpty()) {
            return false;
        }
        reached.put(name, new Reached(name, origin.get(), via));
        return true;
    }

    /** What a reached class names; a class file ASM cannot read is a definition error naming the class. */
    private ClassReferences references(Reached reachedClass) {
        try {
            return readReferences(reachedClass);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | UncheckedIOException e) {
            throw new UnreadableClassException(reachedClass, e);
        }
    }

    private ClassReferences readReferences(Reached reachedClass) {
        ClassOrigin origin = reachedClass.origin();
        if (!origin.jar()) {
            return ClassReferences.of(read(origin, reachedClass.name() + ".class"));
        }
        Map<String, ClassReferences> jar = JAR_REFERENCES.computeIfAbsent(
                jarKeys.computeIfAbsent(origin.path(), JarKey::of),
                key -> new ConcurrentHashMap<>());
        return jar.computeIfAbsent(reachedClass.name(),
                name -> ClassReferences.of(read(origin, name + ".class")));
    }

    /** The providers registered for a service interface by every {@code META-INF/services} file of that name. */
    private List<String> providers(String name) {
        String serviceFile = SERVICES + name.replace('/', '.');
        List<String> providers = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(serviceFile))) {
                Optional<ClassOrigin> origin = ClassOrigin.of(url, serviceFile);
                if (origin.isEmpty()) {
                    continue;
                }
                byte[] content;
                try (InputStream in = url.openStream()) {
                    content = in.readAllBytes();
                }
                serviceFiles.add(new ServiceFile(serviceFile, origin.get(), content));
                new String(content, StandardCharsets.UTF_8).lines()
                        .map(line -> line.replaceFirst("#.*", "").strip())
                        .filter(line -> !line.isEmpty())
                        .map(provider -> provider.replace('.', '/'))
                        .forEach(providers::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + serviceFile, e);
        }
        return providers;
    }

    private byte[] read(ClassOrigin origin, String entry) {
        return origin.jar() ? EntryContent.read(jar(origin.path()), origin.path(), entry)
                : new EntryContent.File(origin.path().resolve(entry)).get();
    }

    private ZipFile jar(Path path) {
        return openJars.computeIfAbsent(path, file -> {
            try {
                return new ZipFile(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        });
    }

    private void closeJars() {
        for (ZipFile jar : openJars.values()) {
            try {
                jar.close();
            } catch (IOException e) {
                // read-only; nothing was written to it
            }
        }
        openJars.clear();
    }

    /** A reached class whose class file could not be read (a newer class file version than ASM knows, say). */
    static final class UnreadableClassException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Reached reached;

        UnreadableClassException(Reached reached, Exception cause) {
            super("Cannot read the class file of " + reached.name().replace('/', '.') + " in " + reached.origin()
                    .path() + ": " + cause.getMessage(), cause);
            this.reached = reached;
        }

        Reached reached() {
            return reached;
        }
    }

    /** A jar as it is on disk: a jar rewritten in place (a new size or time) is read again. */
    record JarKey(Path path, long size, long modified) {
        static JarKey of(Path jar) {
            try {
                return new JarKey(jar, Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + jar, e);
            }
        }
    }
}
