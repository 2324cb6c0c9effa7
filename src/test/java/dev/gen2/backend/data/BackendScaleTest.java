package dev.gen2.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.function.FunctionResource;
import dev.gen2.backend.storage.StorageAccess;
import dev.gen2.backend.storage.StorageAction;
import dev.gen2.backend.storage.StorageResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * A large backend of every kind: 100 models with relationships and owner rules, 50 functions and 5 buckets fit
 * CloudFormation with room to spare (every stack under 400 resources and 800 KB), synthesize to the same templates
 * twice, and keep every logical id when a model, a function and a bucket are added.
 */
class BackendScaleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<ResourceFactory<?>> backend(int models, int functions, int buckets) {
        List<ResourceFactory<?>> factories = new ArrayList<>();
        factories.add(AuthResource.define(a -> a.loginWithEmail().groups("ADMINS")));
        factories.add(DataResource.define(d -> d.schema(LargeSchemas.pairs(models))));
        for (int i = 0; i < functions; i++) {
            String name = "fn" + i;
            factories.add(FunctionResource.define(fn -> fn.name(name).entry("src/test/resources/functions/hello")));
        }
        for (int i = 0; i < buckets; i++) {
            String name = "bucket" + i;
            boolean first = i == 0;
            factories.add(StorageResource.define(s -> s.name(name).isDefault(first)
                    .access("public/*", StorageAccess.guest(StorageAction.READ))));
        }
        return factories;
    }

    /** Every template of a synth of the given resources, by file name. */
    private static Map<String, JsonNode> templates(List<ResourceFactory<?>> factories) throws IOException {
        App app = TestBackends.app(DeploymentType.SANDBOX);
        Backend.define(app, factories.toArray(ResourceFactory[]::new));
        Path directory = Path.of(app.synth().getDirectory());
        Map<String, JsonNode> templates = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".template.json")).sorted().toList()) {
                templates.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
        return templates;
    }

    @Test
    void aHundredModelsFiftyFunctionsAndFiveBucketsFitWithRoomToSpare() throws IOException {
        long start = System.nanoTime();
        App app = TestBackends.app(DeploymentType.SANDBOX);
        Backend.define(app, backend(100, 50, 5).toArray(ResourceFactory[]::new));
        StackLimits.Report report = StackLimits.measure(app.synth());
        System.out.printf("100 models, 50 functions, 5 buckets: synth %.1f s, %d templates, largest %d resources,"
                + " %d bytes%n", (System.nanoTime() - start) / 1e9, report.templates(), report.maxResources(),
                report.maxBytes());
        assertThat(report.maxResources()).isLessThan(400);
        assertThat(report.maxBytes()).isLessThan(800_000);
        assertThat(report.maxParameters()).isLessThanOrEqualTo(StackLimits.MAX_PARAMETERS);
        assertThat(report.maxOutputs()).isLessThanOrEqualTo(StackLimits.MAX_OUTPUTS);
    }

    @Test
    void placementIsDeterministicAndAddingAModelAFunctionAndABucketMovesNoLogicalId() throws IOException {
        Map<String, JsonNode> first = templates(backend(40, 20, 3));
        assertThat(templates(backend(40, 20, 3))).as("a second synth").isEqualTo(first);
        Map<String, JsonNode> grown = templates(backend(41, 21, 4));
        first.forEach((file, template) -> {
            assertThat(grown).as("the stack of " + file + " is still there").containsKey(file);
            Set<String> before = new TreeSet<>();
            template.path("Resources").fieldNames().forEachRemaining(before::add);
            Set<String> after = new TreeSet<>();
            grown.get(file).path("Resources").fieldNames().forEachRemaining(after::add);
            assertThat(after).as("the logical ids of " + file).containsAll(before);
        });
    }
}
