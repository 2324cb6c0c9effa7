package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Checks that everything a cloud assembly will upload as an asset is readable by Lambda's runtime user, which is
 * not the owner of the files: every file readable by all, every directory readable and traversable by all, and
 * the same for the entries of zip assets that record a Unix mode. The CDK CLI zips asset directories keeping the
 * files' modes, so a file of mode {@code 0600} makes the function fail at cold start with {@code EACCES}.
 */
public final class AssetModes {
    private static final Set<Path> CHECKED = ConcurrentHashMap.newKeySet();

    private AssetModes() {
    }

    /** Asserts the modes of every asset in the assembly directory, once per directory. */
    public static void assertReadableByAll(Path assembly) {
        if (!CHECKED.add(assembly.toAbsolutePath()) || !Files.isDirectory(assembly)) {
            return;
        }
        assertThat(unreadable(assembly)).as("asset files and directories not readable by all in " + assembly)
                .isEmpty();
    }

    /** Every asset file or directory under {@code assembly} that others cannot read (or traverse). */
    public static List<String> unreadable(Path assembly) {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> assets = Files.list(assembly)) {
            for (Path asset : assets.filter(p -> p.getFileName().toString().startsWith("asset.")).sorted().toList()) {
                if (Files.isDirectory(asset)) {
                    problems.addAll(unreadableInDirectory(asset));
                } else if (asset.toString().endsWith(".zip")) {
                    problems.addAll(unreadableInZip(asset));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    private static List<String> unreadableInDirectory(Path directory) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted().toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
                boolean directoryOk = mode.contains(PosixFilePermission.OTHERS_READ)
                        && mode.contains(PosixFilePermission.OTHERS_EXECUTE);
                boolean ok = Files.isDirectory(path) ? directoryOk : mode.contains(PosixFilePermission.OTHERS_READ);
                if (!ok) {
                    problems.add(path + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        return problems;
    }

    private static List<String> unreadableInZip(Path zip) throws IOException {
        // The zip file system reports each entry's recorded Unix mode; entries that record none get the default
        // below, since Lambda extracts those readable by all.
        Map<String, Object> options = Map.of("enablePosixFileAttributes", "true", "defaultPermissions",
                PosixFilePermissions.fromString("rwxr-xr-x"));
        try (FileSystem zipFileSystem = FileSystems.newFileSystem(zip, options)) {
            List<String> problems = new ArrayList<>();
            for (Path root : zipFileSystem.getRootDirectories()) {
                unreadableInDirectory(root).forEach(problem -> problems.add(zip + "!" + problem));
            }
            return problems;
        }
    }
}
