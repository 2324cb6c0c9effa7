package dev.gen2.backend;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the files this library makes for others to read (Lambda code staged as an asset, {@code
 * amplify_outputs.json}) whole or not at all, readable by everyone: a temporary file beside the target, mode
 * {@code 0644}, moved into place; the directories made on the way get {@code 0755}. The mode matters: the CDK CLI
 * zips asset files with their mode, and Lambda's runtime user cannot read a file of mode {@code 0600}, which is what
 * {@link Files#createTempFile} gives.
 */
public final class PublicFiles {
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PublicFiles() {
    }

    /** Writes {@code contents} to {@code target}, replacing it. */
    public static void write(Path target, byte[] contents) throws IOException {
        Path staged = stage(target);
        try {
            Files.write(staged, contents);
            moveIntoPlace(staged, target);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Copies {@code source} to {@code target}, replacing it. */
    public static void copy(Path source, Path target) throws IOException {
        Path staged = stage(target);
        try {
            Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(staged, target);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Makes {@code directory} and its missing parents, each readable and traversable by everyone. */
    public static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute);
            setMode(absolute, DIRECTORY_MODE);
        } catch (FileAlreadyExistsException madeMeanwhile) {
            // another process made it between the check and here: fine, as long as it is a directory
            if (!Files.isDirectory(absolute)) {
                throw madeMeanwhile;
            }
        }
    }

    private static Path stage(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        createDirectories(directory);
        Path staged = Files.createTempFile(directory, "." + target.getFileName(), ".part");
        setMode(staged, FILE_MODE);
        return staged;
    }

    private static void moveIntoPlace(Path staged, Path target) throws IOException {
        setMode(staged, FILE_MODE);
        try {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, mode);
        }
    }
}
