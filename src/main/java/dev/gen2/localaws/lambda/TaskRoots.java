package dev.gen2.localaws.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Functions' code unpacked as Lambda unpacks it into {@code /var/task}: one directory per code hash, unpacked once and
 * shared by every instance running that code.
 */
final class TaskRoots {
    private final Path root;

    TaskRoots(Path root) {
        this.root = root;
    }

    /** The directory holding the function's unpacked code, unpacked now if it was not yet. */
    synchronized Path of(FunctionDefinition function) throws IOException {
        Path target = root.resolve(directoryName(function.codeSha256()));
        if (Files.isDirectory(target)) {
            return target;
        }
        Path partial = Files.createTempDirectory(root, "unpacking-");
        unzip(function.codeZip(), partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** CodeSha256 is base64, whose '/' cannot be in a file name: its hex form is. */
    private static String directoryName(String codeSha256) {
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
        } catch (IllegalArgumentException notBase64) {
            return codeSha256.replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("The package " + zip + " has an entry outside its directory: "
                            + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
