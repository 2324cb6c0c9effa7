package dev.gen2.backend.function.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Where a package entry's bytes are read from when the zip is written (or hashed). */
final class EntryContent {
    private EntryContent() {
    }

    /** One entry of an open jar ({@code path} names it in errors). */
    static byte[] read(ZipFile jar, Path path, String entry) {
        ZipEntry zipEntry = jar.getEntry(entry);
        if (zipEntry == null) {
            throw new UncheckedIOException(new IOException("Cannot read " + entry + " from " + path
                    + ": it has no such entry"));
        }
        try (InputStream in = jar.getInputStream(zipEntry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + entry + " from " + path, e);
        }
    }

    /** A file copied as it is. */
    record File(Path path) implements Supplier<byte[]> {
        @Override
        public byte[] get() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        }
    }

    /** A whole jar, for {@code lib/}; its digest is kept while the jar is unchanged. */
    record Jar(Path path) implements Supplier<byte[]> {
        @Override
        public byte[] get() {
            return new File(path).get();
        }
    }

    /** One class (or other entry) of a class directory or a jar. */
    record OfOrigin(ClassOrigin origin, String entry) implements Supplier<byte[]> {
        @Override
        public byte[] get() {
            if (!origin.jar()) {
                return new File(origin.path().resolve(entry)).get();
            }
            try (ZipFile jar = new ZipFile(origin.path().toFile())) {
                return read(jar, origin.path(), entry);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + origin.path(), e);
            }
        }
    }
}
