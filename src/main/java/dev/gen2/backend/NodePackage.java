package dev.gen2.backend;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js program shipped as classpath resources (the local AWS's services, the APPSYNC_JS code checker): its
 * {@code package.json}, its {@code package-lock.json} and its sources, side by side in one resource directory, staged in a directory named by
 * the hash of those files and installed there from npm with {@code npm ci}, once: the pinned versions of the lock
 * file, the same on every machine. A second start, in this process or another, finds the installation and reuses
 * it; two starting at once take turns through a file lock.
 */
public final class NodePackage {
    private static final String INSTALLED_MARK = ".gen2-installed";
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final Map<Path, Object> INSTALLS = new ConcurrentHashMap<>();

    private NodePackage() {
    }

    /**
     * The directory holding the program's files and its {@code node_modules}, installed if it was not yet.
     *
     * @param anchor            a class beside the resource directory
     * @param resourceDirectory the directory's name, relative to {@code anchor}'s package
     * @param files             its files, {@code package.json} and {@code package-lock.json} among them
     */
    public static Path installed(Class<?> anchor, String resourceDirectory, List<String> files)
            throws IOException, InterruptedException {
        Path directory = BundledAsset.directory(anchor, resourceDirectory, files);
        if (Files.exists(directory.resolve(INSTALLED_MARK))) {
            return directory;
        }
        // threads of this JVM take turns on an object (a file lock is per JVM, and a second lock() of it throws);
        // processes take turns on the file
        synchronized (INSTALLS.computeIfAbsent(directory, key -> new Object())) {
            try (FileChannel channel = FileChannel.open(directory.resolve(".install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                if (!Files.exists(directory.resolve(INSTALLED_MARK))) {
                    install(directory, resourceDirectory);
                    Files.writeString(directory.resolve(INSTALLED_MARK), "installed by npm ci\n");
                }
            }
        }
        return directory;
    }

    private static void install(Path directory, String name) throws IOException, InterruptedException {
        Path log = directory.resolve("npm-install.log");
        Process npm = new ProcessBuilder("npm", "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            npm.descendants().forEach(ProcessHandle::destroyForcibly);
            npm.destroyForcibly();
            throw new IOException("npm ci for gen2-backend's " + name + " did not finish within "
                    + INSTALL_TIMEOUT_MINUTES + " minutes (in " + directory + ")");
        }
        if (npm.exitValue() != 0) {
            throw new IOException("npm ci for gen2-backend's " + name + " failed (exit " + npm.exitValue()
                    + ") in " + directory + ":\n" + Files.readString(log, StandardCharsets.UTF_8).strip()
                    + "\nThis needs Node.js with npm and the npm registry (or an npm mirror set in ~/.npmrc).");
        }
    }
}
