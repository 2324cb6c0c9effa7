package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.CdkCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The example web app ({@code examples/web}) built as its README says ({@code npm ci}, {@code npm run build}) in a
 * copy under {@code target/example-web}, so the source folder stays as a developer left it. Built once per content:
 * {@code npm ci} again only when the lock file (or the patch it applies) changes, which keeps later builds offline,
 * and {@code vite build} again only when a source changes.
 */
final class ExampleWebBuild {
    private static final Path SOURCE = SampleAssembly.PROJECT.resolve("examples/web");
    private static final Path COPY = SampleAssembly.PROJECT.resolve("target/example-web");
    /** What a build or the sandbox writes into the app's folder, not part of its source. */
    private static final Set<String> NOT_SOURCE = Set.of("node_modules", "dist", "public/amplify_outputs.json",
            "public/local-aws.json");
    /** What {@code npm ci} depends on. */
    private static final Set<String> INSTALL_INPUTS = Set.of("package.json", "package-lock.json", "patches");

    private ExampleWebBuild() {
    }

    /** The built app's folder ({@code dist/}), building it first when its sources changed. */
    static Path dist() throws IOException, InterruptedException {
        List<Path> sources = sources();
        String installKey = digest(sources.stream().filter(file -> INSTALL_INPUTS.contains(topName(file))).toList());
        String buildKey = digest(sources);
        Path installed = COPY.resolve(".installed");
        Path built = COPY.resolve(".built");
        Path dist = COPY.resolve("dist");
        if (!Files.exists(built) || !Files.readString(built).equals(buildKey) || !Files.isDirectory(dist)) {
            syncSources(sources);
            if (!Files.exists(installed) || !Files.readString(installed).equals(installKey)) {
                npm(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"),
                        Duration.ofMinutes(6));
                Files.writeString(installed, installKey);
            }
            npm(List.of("npm", "run", "build"), Duration.ofMinutes(3));
            Files.writeString(built, buildKey);
        }
        return dist;
    }

    private static void npm(List<String> command, Duration timeout) throws IOException, InterruptedException {
        CdkCli.Result result = CdkCli.Processes.run(COPY, command, Map.of(), timeout);
        System.out.printf("examples/web: %s: %.1f s%n", String.join(" ", command), result.took().toMillis() / 1000.0);
        assertThat(result.exitCode()).as(String.join(" ", command) + " in " + COPY + ":\n" + result.output()).isZero();
    }

    /** The copy holds exactly the sources (and node_modules): a file removed from the app goes from the copy too. */
    private static void syncSources(List<Path> sources) throws IOException {
        Files.createDirectories(COPY);
        try (Stream<Path> top = Files.list(COPY)) {
            for (Path entry : top.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals("node_modules") && !name.startsWith(".")) {
                    deleteTree(entry);
                }
            }
        }
        for (Path file : sources) {
            Path target = COPY.resolve(SOURCE.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The app's files, without walking into what a developer's own {@code npm ci} or build left there. */
    private static List<Path> sources() throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(SOURCE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                return NOT_SOURCE.contains(relative(directory)) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !NOT_SOURCE.contains(relative(file))) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        sources.sort(null);
        return sources;
    }

    private static String relative(Path file) {
        return SOURCE.relativize(file).toString().replace('\\', '/');
    }

    private static String topName(Path file) {
        return SOURCE.relativize(file).getName(0).toString();
    }

    private static String digest(List<Path> files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                sha.update(relative(file).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
