package dev.gen2.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Code this library ships as classpath resources (a custom resource's handler, say), put in a directory CDK can
 * package as an asset. It works the same from {@code target/classes} and from a jar. The directory is named by a
 * hash of the contents, so the asset hash, and the template, do not change between synths.
 */
public final class BundledAsset {

    private BundledAsset() {
    }

    /** The given files of a resource directory next to {@code anchor}, copied to a directory of their own. */
    public static Path directory(Class<?> anchor, String resourceDirectory, List<String> files) {
        return directory(anchor, files.stream().map(file -> resourceDirectory + "/" + file).toList());
    }

    /**
     * Classpath resources, relative to {@code anchor}'s package or absolute ({@code /dev/gen2/...}), copied side by
     * side under their file names to a directory of their own.
     */
    public static Path directory(Class<?> anchor, List<String> resources) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String resource : resources) {
            contents.put(resource.substring(resource.lastIndexOf('/') + 1), read(anchor, resource));
        }
        return directory(contents);
    }

    /** Files made at synth time (a generated schema, say), by file name, written to a directory of their own. */
    public static Path directory(Map<String, byte[]> contents) {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "gen2-backend-assets", hash(contents));
        try {
            PublicFiles.createDirectories(target);
            for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
                PublicFiles.write(target.resolve(entry.getKey()), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the bundled asset " + contents.keySet() + " in " + target, e);
        }
        return target;
    }

    private static byte[] read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The library resource " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(Map<String, byte[]> contents) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            contents.forEach((name, bytes) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
