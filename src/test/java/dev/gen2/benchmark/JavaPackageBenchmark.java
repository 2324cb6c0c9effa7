package dev.gen2.benchmark;

import amplify.functions.report.ReportHandler;
import com.example.handlers.JacksonHandler;
import dev.gen2.backend.function.packaging.JavaFunctionPackage;
import dev.gen2.backend.function.packaging.JavaFunctionPackager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The sample's Java function package against the one shared zip every Java function got before issue 18 (the Maven
 * assembly: the classes under {@code amplify/functions} and {@code dev/gen2/runtime}, and every AWS SDK jar, Lambda's
 * core, Reactive Streams and SLF4J's API of the runtime classpath), with the time a package takes cold (the first in a
 * JVM, jars read and hashed) and warm (a later synth). Prints figures; it is not a test. Run it from the project
 * directory after {@code mvn test-compile} with
 * {@code mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gen2.benchmark.JavaPackageBenchmark}.
 */
public final class JavaPackageBenchmark {
    private static final int WARM_RUNS = 5;

    private JavaPackageBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        JavaFunctionPackage report = JavaFunctionPackager.build("report", ReportHandler.class, 21);
        double cold = millis(start);
        List<Double> warm = new ArrayList<>();
        for (int run = 0; run < WARM_RUNS; run++) {
            start = System.nanoTime();
            JavaFunctionPackager.build("report", ReportHandler.class, 21);
            warm.add(millis(start));
        }
        JavaFunctionPackage jackson = JavaFunctionPackager.build("jackson", JacksonHandler.class, 21);
        Path shared = sharedZipAsBefore();
        System.out.printf(Locale.ROOT, "%-44s %10s %8s %6s%n", "package", "bytes", "classes", "jars");
        System.out.printf(Locale.ROOT, "%-44s %10d %8d %6d%n", "report, its own package (now)", report.bytes(),
                report.classes().size(), report.jars().size());
        System.out.printf(Locale.ROOT, "%-44s %10d %8d %6d%n", "a handler that uses Jackson only (test class)",
                jackson.bytes(), jackson.classes().size(), jackson.jars().size());
        System.out.printf(Locale.ROOT, "%-44s %10d %8s %6d%n", "every Java function's shared zip (before)",
                Files.size(shared), "-", jarsBefore().size());
        System.out.printf(Locale.ROOT, "report's package is %.0f%% of the shared zip%n",
                100.0 * report.bytes() / Files.size(shared));
        System.out.printf(Locale.ROOT, "packaging time: %.0f ms cold, warm %s ms%n", cold,
                warm.stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList());
        Files.deleteIfExists(shared);
    }

    /** The zip the removed assembly descriptor built, from the same classes and jars. */
    private static Path sharedZipAsBefore() throws IOException {
        TreeMap<String, Path> entries = new TreeMap<>();
        Path classes = Path.of("target", "classes");
        for (String directory : List.of("amplify/functions", "dev/gen2/runtime")) {
            try (Stream<Path> files = Files.walk(classes.resolve(directory))) {
                files.filter(file -> file.toString().endsWith(".class"))
                        .filter(file -> !file.getParent().equals(classes.resolve("amplify/functions")))
                        .forEach(file -> entries.put(classes.relativize(file).toString(), file));
            }
        }
        for (Path jar : jarsBefore()) {
            entries.put("lib/" + jar.getFileName(), jar);
        }
        Path zip = Files.createTempFile("gen2-shared-functions", ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(Files.readAllBytes(entry.getValue()));
                out.closeEntry();
            }
        }
        return zip;
    }

    /** The runtime jars the assembly took: Lambda's core, the AWS SDK but CloudFormation, Reactive Streams, SLF4J. */
    private static List<Path> jarsBefore() throws IOException {
        String classpath = Files.readString(Path.of("target", "classpath.txt")).trim();
        return Stream.of(classpath.split(java.io.File.pathSeparator)).map(Path::of)
                .filter(jar -> {
                    String path = jar.toString().replace('\\', '/');
                    return path.contains("/com/amazonaws/aws-lambda-java-core/")
                            || path.contains("/software/amazon/awssdk/") && !path.contains("/awssdk/cloudformation/")
                            || path.contains("/org/reactivestreams/") || path.contains("/org/slf4j/slf4j-api/");
                })
                .toList();
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
