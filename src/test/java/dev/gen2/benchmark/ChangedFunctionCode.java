package dev.gen2.benchmark;

import amplify.functions.report.ReportHandler;
import dev.gen2.backend.function.packaging.JavaFunctionPackager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * New code for the sample's functions, as an edit produces it: the post-confirmation function's {@code index.js} with
 * a change that marks its answer with a version, and the report function's package with its handler class compiled
 * from a changed source that marks its answer.
 */
final class ChangedFunctionCode {
    static final String REPORT_CLASS_ENTRY = "amplify/functions/report/ReportHandler.class";
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path REPORT_SOURCE = PROJECT.resolve(
            "src/main/java/amplify/functions/report/ReportHandler.java");

    private ChangedFunctionCode() {
    }

    /**
     * The post-confirmation function's package as the assembly holds it (its code and the runtime files the build
     * adds), with {@code index.js} changed so that its answer says {@code "codeVersion": version}.
     */
    static byte[] postConfirmation(Path assembly, int version) throws IOException {
        Path asset = nodeAsset(assembly);
        String code = Files.readString(asset.resolve("index.js"), StandardCharsets.UTF_8) + "\n"
                + "const confirmed = exports.handler;\n"
                + "exports.handler = async (event) => ({ ...(await confirmed(event)), codeVersion: " + version + " });\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(asset)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = asset.relativize(file).toString();
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.equals("index.js") ? code.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The assembly's one Node.js function asset: the directory with an index.js beside the runtime's files. */
    private static Path nodeAsset(Path assembly) throws IOException {
        try (Stream<Path> entries = Files.list(assembly)) {
            return entries.filter(entry -> Files.isRegularFile(entry.resolve("index.js"))
                    && Files.isRegularFile(entry.resolve("gen2-runtime.js"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Node.js function asset in " + assembly));
        }
    }

    /** The report function's package as the sample builds it. */
    static byte[] report() throws IOException {
        return Files.readAllBytes(JavaFunctionPackager.build("report", ReportHandler.class, 21).zip());
    }

    /** The same package with the handler compiled from a changed source: its answer says {@code "codeVersion"}. */
    static byte[] changedReport(Path work) throws IOException {
        String source = Files.readString(REPORT_SOURCE, StandardCharsets.UTF_8);
        String changed = source.replace("return report;", "report.put(\"codeVersion\", \"changed\");\n return report;");
        if (changed.equals(source)) {
            throw new IllegalStateException(REPORT_SOURCE + " no longer has the line \"return report;\" that the"
                    + " benchmark changes; update ChangedFunctionCode.changedReport");
        }
        Path sources = Files.createDirectories(work.resolve("changed-report/src/amplify/functions/report"));
        Path classes = Files.createDirectories(work.resolve("changed-report/classes"));
        Files.writeString(sources.resolve("ReportHandler.java"), changed, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = PROJECT.resolve("target/classes") + ":"
                + Files.readString(PROJECT.resolve("target/classpath.txt"), StandardCharsets.UTF_8).trim();
        int status = javac.run(null, null, null, "--release", "17", "-cp", classpath, "-d", classes.toString(),
                sources.resolve("ReportHandler.java").toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed on the changed report handler (status " + status + ")");
        }
        return replaced(report(), REPORT_CLASS_ENTRY, Files.readAllBytes(classes.resolve(REPORT_CLASS_ENTRY)));
    }

    /** A copy of the zip with one entry's content replaced; fails if the entry is not there. */
    private static byte[] replaced(byte[] original, String entryName, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(entryName)) {
                    out.write(content);
                    found = true;
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        if (!found) {
            throw new IllegalStateException("the report package has no entry " + entryName + "; entries: "
                    + entryNames(original));
        }
        return bytes.toByteArray();
    }

    private static List<String> entryNames(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names.size() > 20 ? names.subList(0, 20) : names;
    }
}
