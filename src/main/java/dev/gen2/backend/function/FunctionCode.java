package dev.gen2.backend.function;

import dev.gen2.backend.BundledAsset;
import dev.gen2.backend.PublicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Node.js function's code as it is deployed: the entry (a directory, or one file) copied as it is, with
 * {@code gen2-runtime.js} (and the {@code ssm-values.js} it uses) beside it as the Lambda entry point. The staging directory is named by a hash of the
 * contents, so the asset, and the template, change only when the code does.
 */
final class FunctionCode {
    static final String RUNTIME_FILE = "gen2-runtime.js";
    static final String RUNTIME_HANDLER = "gen2-runtime.handler";
    /** The variable that tells the runtime which handler of the function's code to run. */
    static final String HANDLER_VARIABLE = "GEN2_HANDLER";
    static final String SSM_VALUES_FILE = "ssm-values.js";

    private FunctionCode() {
    }

    static Path stage(Path entry) {
        Path runtime = BundledAsset.directory(FunctionCode.class,
                List.of("runtime/" + RUNTIME_FILE, "/dev/gen2/backend/" + SSM_VALUES_FILE));
        List<Path> files = files(entry);
        Path root = Files.isDirectory(entry) ? entry : entry.getParent() == null ? Path.of(".") : entry.getParent();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "gen2-backend-assets",
                "function-" + hash(root, files, runtime));
        try {
            for (Path file : files) {
                PublicFiles.copy(file, target.resolve(root.relativize(file).toString()));
            }
            PublicFiles.copy(runtime.resolve(RUNTIME_FILE), target.resolve(RUNTIME_FILE));
            PublicFiles.copy(runtime.resolve(SSM_VALUES_FILE), target.resolve(SSM_VALUES_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the function code of " + entry, e);
        }
        return target;
    }

    private static List<Path> files(Path entry) {
        if (!Files.isDirectory(entry)) {
            return List.of(entry);
        }
        try (Stream<Path> walk = Files.walk(entry)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the function code in " + entry, e);
        }
    }

    private static String hash(Path root, List<Path> files, Path runtime) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            digest.update(Files.readAllBytes(runtime.resolve(RUNTIME_FILE)));
            digest.update(Files.readAllBytes(runtime.resolve(SSM_VALUES_FILE)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
