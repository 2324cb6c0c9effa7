package dev.gen2.backend.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** Measures every template of a cloud assembly, nested ones included, against CloudFormation's limits. */
final class StackLimits {
    static final int MAX_RESOURCES = 500;
    static final int MAX_BYTES = 1_000_000;
    static final int MAX_PARAMETERS = 200;
    static final int MAX_OUTPUTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One template's counts. */
    record Measure(String file, int resources, long bytes, int parameters, int outputs) {
    }

    /** All templates' counts, and the largest. */
    record Report(List<Measure> measures) {
        int templates() {
            return measures.size();
        }

        int maxResources() {
            return measures.stream().mapToInt(Measure::resources).max().orElse(0);
        }

        long maxBytes() {
            return measures.stream().mapToLong(Measure::bytes).max().orElse(0);
        }

        int maxParameters() {
            return measures.stream().mapToInt(Measure::parameters).max().orElse(0);
        }

        int maxOutputs() {
            return measures.stream().mapToInt(Measure::outputs).max().orElse(0);
        }
    }

    private StackLimits() {
    }

    static Report measure(CloudAssembly assembly) {
        List<Measure> measures = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(assembly.getDirectory()))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".template.json")).sorted().toList()) {
                JsonNode template = JSON.readTree(file.toFile());
                measures.add(new Measure(file.getFileName().toString(), template.path("Resources").size(),
                        Files.size(file), template.path("Parameters").size(), template.path("Outputs").size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Report(measures);
    }
}
