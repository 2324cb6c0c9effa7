package dev.gen2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.Backend;
import dev.gen2.backend.function.FunctionResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing only a function's code changes only that function's asset: its {@code Code.S3Key} and its
 * {@code aws:asset:path} metadata in the function stack, and the function stack's template URL in the root (the
 * nested template holds the new key). Nothing else moves, so the CDK CLI's hotswap applies the change without a
 * CloudFormation update.
 */
class FunctionCodeChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCodeChangeChangesOnlyThatFunctionsAsset(@TempDir Path code) throws Exception {
        Files.writeString(code.resolve("index.js"), "exports.handler = async () => 1;\n");
        FunctionResource.Factory worker = FunctionResource.define(fn -> fn.name("worker").entry(code.toString()));
        FunctionResource.Factory other = FunctionResource.define(fn -> fn.name("other")
                .entry("src/test/resources/functions/hello"));
        SynthesizedBackend before = SynthesizedBackend.sandbox(app -> Backend.define(app, worker, other));
        Files.writeString(code.resolve("index.js"), "exports.handler = async () => 2;\n");
        SynthesizedBackend after = SynthesizedBackend.sandbox(app -> Backend.define(app, worker, other));
        List<String> changes = new ArrayList<>();
        before.groups().forEach(group -> {
            JsonNode old = JSON.valueToTree(before.template(group).toJSON());
            JsonNode changed = JSON.valueToTree(after.template(group).toJSON());
            changes.addAll(TemplateSnapshots.describe(group, old, changed));
        });
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).matches("root: Resources\\.function[0-9A-F]{8}\\.Properties\\.TemplateURL.*");
        assertThat(changes.get(1)).matches("function: Resources\\.workerworkerlambda[0-9A-F]{8}\\.Metadata"
                + "\\.aws:asset:path: \"asset\\.[0-9a-f]{64}\" -> \"asset\\.[0-9a-f]{64}\"");
        assertThat(changes.get(2)).matches("function: Resources\\.workerworkerlambda[0-9A-F]{8}\\.Properties\\.Code"
                + "\\.S3Key: \"[0-9a-f]{64}\\.zip\" -> \"[0-9a-f]{64}\\.zip\"");
    }
}
