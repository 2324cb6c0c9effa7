package dev.gen2.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs a command as a whole process and measures it: wall-clock time, and peak memory as the largest sum, over
 * samples every 50 ms, of the resident memory of the process, its descendants and any extra processes named (such
 * as a synth server the command talks to). Output goes to a log file, kept for a failed run.
 */
final class TimedProcess {
    private static final long SAMPLE_MILLIS = 50;

    /** One run: exit status, seconds, peak resident MiB, and for a failed run what the log says went wrong. */
    record Run(int exitCode, double seconds, double peakMiB, String failure) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private TimedProcess() {
    }

    static Run run(Path directory, List<String> command, Map<String, String> environment, Duration timeout,
            Supplier<List<ProcessHandle>> alsoCount) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gen2-benchmark", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        long peakKiB = 0;
        long deadline = start + timeout.toNanos();
        while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            long resident = residentKiB(Stream.concat(Stream.of(process.toHandle()), alsoCount.get().stream()));
            peakKiB = Math.max(peakKiB, resident);
            if (System.nanoTime() > deadline) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int exit = process.waitFor();
        String failure = "";
        if (exit == 0) {
            Files.delete(log);
        } else {
            failure = firstError(Files.readAllLines(log)) + " (log: " + log + ")";
        }
        return new Run(exit, seconds, peakKiB / 1024.0, failure);
    }

    /** The first line that names an error (not a stack frame), else the last line. */
    private static String firstError(List<String> lines) {
        return lines.stream().filter(line -> line.contains("Error") || line.contains("\u00ab"))
                .filter(line -> !line.strip().startsWith("at ")).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1)).strip();
    }

    /** The resident memory of the processes and all their descendants, in KiB, read from /proc. */
    static long residentKiB(Stream<ProcessHandle> roots) {
        return roots.flatMap(root -> Stream.concat(Stream.of(root), root.descendants())).distinct()
                .mapToLong(TimedProcess::residentKiB).sum();
    }

    private static long residentKiB(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between the listing and the read
        }
        return 0;
    }
}
