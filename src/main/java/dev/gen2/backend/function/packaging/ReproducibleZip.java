package dev.gen2.backend.function.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip whose bytes depend only on its entries: names in sorted order, one fixed time on every entry, no
 * directory entries, every entry deflated (jars too: their headers and directories still shrink, by about a tenth).
 */
final class ReproducibleZip {
    /** The time every entry carries, as the library's own jar does ({@code project.build.outputTimestamp}). */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    private ReproducibleZip() {
    }

    /** Writes the entries to {@code target} through a temporary file beside it, so a reader never sees half a zip. */
    static void write(Path target, SortedMap<String, Supplier<byte[]>> entries) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
            try {
                writeEntries(partial, entries);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private static void writeEntries(Path partial, SortedMap<String, Supplier<byte[]>> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (var entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue().get());
                zip.closeEntry();
            }
        }
    }
}
