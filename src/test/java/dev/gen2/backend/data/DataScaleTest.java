package dev.gen2.backend.data;

import static dev.gen2.backend.TestBackends.assertConfigError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * Large schemas stay inside CloudFormation's limits and keep their logical ids as models are added. Amplify Gen 2
 * fails at 200 models with 100 relationships (601 resources in one nested stack); 500 models with 250 relationships
 * synthesize here with every template well inside the limits.
 */
class DataScaleTest {
    private static final AuthResource.Factory AUTH = AuthResource.define(a -> a.loginWithEmail().groups("ADMINS"));

    private static CloudAssembly synthesize(Schema schema) {
        App app = TestBackends.app(DeploymentType.SANDBOX);
        Backend.define(app, AUTH, DataResource.define(d -> d.schema(schema)));
        return app.synth();
    }

    @Test
    void fiveHundredModelsWithRelationshipsFitEveryStackLimit() {
        StackLimits.Report report = StackLimits.measure(synthesize(LargeSchemas.pairs(500)));
        assertThat(report.maxResources()).isLessThanOrEqualTo(StackLimits.MAX_RESOURCES);
        assertThat(report.maxBytes()).isLessThan(StackLimits.MAX_BYTES);
        assertThat(report.maxParameters()).isLessThanOrEqualTo(StackLimits.MAX_PARAMETERS);
        assertThat(report.maxOutputs()).isLessThanOrEqualTo(StackLimits.MAX_OUTPUTS);
        assertThat(report.templates()).as("root, auth, data and at most 64 shards").isLessThanOrEqualTo(67);
    }

    @Test
    void addingAModelChangesNoOtherModelsShard() {
        Schema before = LargeSchemas.pairs(40);
        Model extra = Model.named("Extra").field("note", Field.string()).authorization(AuthRule.owner());
        Schema after = before.models(extra);
        Map<String, Map<String, Object>> first = shardTemplates(before);
        Map<String, Map<String, Object>> second = shardTemplates(after);
        String extraShard = String.format("ModelShard%02d", DataResource.shardOf("Extra"));
        assertThat(second.keySet()).containsAll(first.keySet());
        first.forEach((shard, template) -> {
            if (!shard.equals(extraShard)) {
                assertThat(second.get(shard)).as(shard).isEqualTo(template);
            }
        });
        if (first.containsKey(extraShard)) {
            Map<String, Object> oldResources = resources(first.get(extraShard));
            Map<String, Object> newResources = resources(second.get(extraShard));
            oldResources.forEach((id, resource) -> assertThat(newResources.get(id)).as(id).isEqualTo(resource));
            assertThat(newResources.keySet()).anyMatch(id -> id.startsWith("Extra"));
        }
    }

    @Test
    void theResourceCountTheShardCheckUsesIsWhatTheShardsHold() {
        Map<String, ModelShape> shapes = ModelShape.of(LargeSchemas.pairs(20));
        Map<String, List<ResolverPlan.PlannedResolver>> plan = ResolverPlan.of(shapes, java.util.Optional.empty());
        Map<String, Integer> expected = new LinkedHashMap<>();
        plan.forEach((model, resolvers) -> expected.merge(String.format("ModelShard%02d", DataResource.shardOf(model)),
                ModelResources.resourceCount(resolvers), Integer::sum));
        Map<String, Map<String, Object>> templates = shardTemplates(LargeSchemas.pairs(20));
        templates.forEach((shard, template) -> assertThat(resources(template)).as(shard)
                .hasSize(expected.get(shard)));
        assertThat(templates.keySet()).isEqualTo(expected.keySet());
    }

    @Test
    void aShardThatWouldOutgrowTheLimitIsAnErrorAtSynth() {
        List<Model> models = new ArrayList<>();
        models.add(Model.named("Hub").authorization(AuthRule.owner()));
        for (int i = 0; i < 500; i++) {
            models.add(Model.named("Spoke" + i).field("hubId", Field.id()).belongsTo("hub", "Hub", "hubId")
                    .authorization(AuthRule.owner()));
        }
        Schema schema = new Schema(models, List.of(), List.of(), List.of(), List.of());
        assertConfigError(() -> synthesize(schema), "data.schema", "share a stack that would hold");
    }

    @Test
    void aTableHasAtMostTwentyIndexes() {
        Model tagged = Model.named("Tagged").authorization(AuthRule.owner());
        for (int i = 0; i < 21; i++) {
            tagged = tagged.field("f" + i, Field.string()).secondaryIndexes(SecondaryIndex.on("f" + i));
        }
        Schema schema = Schema.of(tagged);
        assertConfigError(() -> DataResource.define(d -> d.schema(schema)), "data.schema.Tagged",
                "The model's table needs 21 secondary indexes and 0 for relationships; DynamoDB allows 20 per table.");
    }

    /** The templates of the data shards, by shard id. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> shardTemplates(Schema schema) {
        App app = TestBackends.app(DeploymentType.SANDBOX);
        DataResource.Factory factory = DataResource.define(d -> d.schema(schema));
        Backend backend = Backend.define(app, AUTH, factory);
        Map<String, Map<String, Object>> shards = new java.util.TreeMap<>();
        backend.get(factory).tables().values().forEach(table -> {
            Stack shard = Stack.of(table);
            shards.computeIfAbsent(shard.getNode().getId(), id -> (Map<String, Object>) (Map<?, ?>)
                    Template.fromStack(shard).toJSON());
        });
        return shards;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> template) {
        return (Map<String, Object>) template.get("Resources");
    }
}
