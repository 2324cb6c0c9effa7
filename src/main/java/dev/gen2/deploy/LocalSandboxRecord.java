package dev.gen2.deploy;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.outputs.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * That a sandbox last ran on the local AWS, and the outputs file it wrote there (its path and a SHA-256 of what it
 * wrote): {@code local-sandbox.json} in its {@link LocalSandboxState} directory. Written by a {@code --local} sandbox after each
 * deploy, removed when a sandbox of the same identifier deploys to AWS. With it, the local sandbox removes its
 * outputs file when it stops, and {@code sandbox delete} knows there is nothing deployed (the local AWS went with
 * it) and removes a file a crashed one left; in both cases only while the file still holds what the local sandbox
 * wrote, so a file written since by another command is kept.
 *
 * @param outputsFile the outputs file the local sandbox wrote (absolute)
 * @param sha256 the SHA-256 of what it wrote, in hex
 */
public record LocalSandboxRecord(Path outputsFile, String sha256) {

    /** Where the record of sandbox {@code id} of a project is. */
    public static Path file(Path projectDirectory, BackendId id) {
        return LocalSandboxState.directory(projectDirectory, id).resolve("local-sandbox.json");
    }

    /** Records that the local sandbox wrote {@code outputsFile} (what it holds now). */
    public static LocalSandboxRecord write(Path recordFile, Path outputsFile) {
        LocalSandboxRecord record = new LocalSandboxRecord(outputsFile.toAbsolutePath().normalize(),
                sha256(outputsFile).orElseThrow(() -> new UncheckedIOException(new IOException(outputsFile
                        + " is gone"))));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outputsFile", record.outputsFile().toString());
        fields.put("sha256", record.sha256());
        try {
            Files.createDirectories(recordFile.getParent());
            Files.writeString(recordFile, JsonText.stringify(fields, 2) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record;
    }

    /** The record, if a sandbox left one (an unreadable one counts as none). */
    public static Optional<LocalSandboxRecord> read(Path recordFile) {
        try {
            Map<String, Object> fields = JsonText.parseObject(Files.readString(recordFile, StandardCharsets.UTF_8));
            return Optional.of(new LocalSandboxRecord(Path.of(String.valueOf(fields.get("outputsFile"))),
                    String.valueOf(fields.get("sha256"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Forgets the record: the sandbox is deployed to AWS now, or deleted. */
    public static void clear(Path recordFile) {
        try {
            Files.deleteIfExists(recordFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What became of the outputs file. */
    public enum Removal {
        /** It held what the local sandbox wrote, and is removed. */
        REMOVED,
        /** It was already gone. */
        ABSENT,
        /** Another command wrote it since: kept. */
        KEPT
    }

    /** Removes the outputs file if it still holds what the local sandbox wrote. */
    public Removal removeOutputsIfUnchanged() {
        Optional<String> now = sha256(outputsFile);
        if (now.isEmpty()) {
            return Removal.ABSENT;
        }
        if (!now.get().equals(sha256)) {
            return Removal.KEPT;
        }
        try {
            return Files.deleteIfExists(outputsFile) ? Removal.REMOVED : Removal.ABSENT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> sha256(Path file) {
        try {
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file))));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
