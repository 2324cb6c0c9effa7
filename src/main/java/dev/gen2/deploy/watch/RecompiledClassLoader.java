package dev.gen2.deploy.watch;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a directory of compiled classes child-first (one recompile round's, or the synth server's fresh view of
 * {@code target/classes}), so an edited backend class is the new one, and delegates to the parent for everything
 * the directory does not hold and always for the parent-first packages ({@code java.},
 * {@code javax.}, aws-cdk-lib's {@code software.amazon.}, {@code software.constructs.}, {@code com.fasterxml.}, and
 * this library's {@code dev.gen2.}), so aws-cdk-lib and the jsii runtime stay loaded once (one jsii kernel per JVM)
 * and the library's types, such as {@code BackendConfigException}, are the deploy loop's own.
 */
public final class RecompiledClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Path classes;
    private final List<String> parentFirst;

    public RecompiledClassLoader(String name, Path classes, ClassLoader parent, List<String> parentFirst) {
        super(name, new URL[] {url(classes)}, parent);
        this.classes = classes;
        this.parentFirst = List.copyOf(parentFirst);
    }

    /** The directory this loader's own classes come from. */
    public Path classesDirectory() {
        return classes;
    }

    /** Whether a class (binary name) always comes from the parent. */
    public boolean isParentFirst(String className) {
        for (String prefix : parentFirst) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && !isParentFirst(name)) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notRecompiled) {
                    // not one of this round's classes: the parent's
                }
            }
            if (loaded == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (!isParentFirst(name.replace('/', '.'))) {
            URL own = findResource(name);
            if (own != null) {
                return own;
            }
        }
        return super.getResource(name);
    }

    private static URL url(Path directory) {
        try {
            return directory.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a class directory: " + directory, e);
        }
    }
}
