package dev.gen2.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.Backend;
import dev.gen2.backend.TestBackends;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Keys of several fields (DataSchemas.KEYS): Amplify's composite sort keys, in the table, the SDL, the model
 * introspection and the resolvers' configuration, and DynamoDB's multi-attribute index keys.
 */
class CompositeKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DataResource.Factory KEYS_DATA = DataResource.define(data -> data.schema(DataSchemas.KEYS));
    private static Map<String, ModelShape> shapes;
    private static String sdl;
    private static JsonNode introspection;
    private static DataResource data;

    @BeforeAll
    static void build() {
        shapes = ModelShape.of(DataSchemas.KEYS);
        sdl = SdlWriter.write(DataSchemas.KEYS, shapes);
        introspection = JSON.valueToTree(ModelIntrospection.build(DataSchemas.KEYS, shapes));
        Backend backend = TestBackends.sandbox(KEYS_DATA);
        data = backend.get(KEYS_DATA);
    }

    @Test
    void aCompositeIdentifierIsKeyedOnItsPartitionFieldAndTheJoinedSortAttribute() {
        Template release = DataResourceTest.modelTemplate(data, "Release");
        release.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "tenant", "KeyType", "HASH"),
                        Map.of("AttributeName", "slug#version", "KeyType", "RANGE")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "tenant", "AttributeType", "S"),
                        Map.of("AttributeName", "slug#version", "AttributeType", "S"))));
    }

    @Test
    void aCompositeIndexSortsOnItsJoinedAttributeAndAMultiAttributeIndexOnEachField() {
        Template task = DataResourceTest.modelTemplate(data, "Task");
        task.hasResourceProperties("AWS::DynamoDB::Table", Map.of("GlobalSecondaryIndexes", Match.arrayWith(List.of(
                Match.objectLike(Map.of("IndexName", "tasksByStatusAndPriorityAndCreatedAt", "KeySchema", List.of(
                        Map.of("AttributeName", "status", "KeyType", "HASH"),
                        Map.of("AttributeName", "priority#createdAt", "KeyType", "RANGE")))),
                Match.objectLike(Map.of("IndexName", "tasksByTeamAndRegionAndPriorityAndDueOn", "KeySchema", List.of(
                        Map.of("AttributeName", "team", "KeyType", "HASH"),
                        Map.of("AttributeName", "region", "KeyType", "HASH"),
                        Map.of("AttributeName", "priority", "KeyType", "RANGE"),
                        Map.of("AttributeName", "dueOn", "KeyType", "RANGE"))))))));
        task.hasResourceProperties("AWS::DynamoDB::Table", Map.of("AttributeDefinitions", Match.arrayWith(List.of(
                Map.of("AttributeName", "priority", "AttributeType", "N")))));
    }

    @Test
    void theSdlHasAmplifysCompositeKeyInputsAndArguments() {
        assertThat(sdl).contains("""
                input ModelReleasePrimaryCompositeKeyConditionInput {
                  eq: ModelReleasePrimaryCompositeKeyInput
                  le: ModelReleasePrimaryCompositeKeyInput
                  lt: ModelReleasePrimaryCompositeKeyInput
                  ge: ModelReleasePrimaryCompositeKeyInput
                  gt: ModelReleasePrimaryCompositeKeyInput
                  between: [ModelReleasePrimaryCompositeKeyInput]
                  beginsWith: ModelReleasePrimaryCompositeKeyInput
                }
                """, """
                input ModelReleasePrimaryCompositeKeyInput {
                  slug: String
                  version: Int
                }
                """, """
                input ModelTaskTasksByStatusAndPriorityAndCreatedAtCompositeKeyInput {
                  priority: Int
                  createdAt: String
                }
                """, """
                input DeleteReleaseInput {
                  tenant: String!
                  slug: String!
                  version: Int!
                }
                """,
                "getRelease(tenant: String!, slug: String!, version: Int!): Release",
                "listReleases(tenant: String, slugVersion: ModelReleasePrimaryCompositeKeyConditionInput, filter:"
                        + " ModelReleaseFilterInput, limit: Int, nextToken: String, sortDirection: ModelSortDirection)",
                "listTaskByStatusAndPriorityAndCreatedAt(status: String!, priorityCreatedAt:"
                        + " ModelTaskTasksByStatusAndPriorityAndCreatedAtCompositeKeyConditionInput, sortDirection:",
                "listTasksByTeamAndRegion(team: String!, region: String!, priority: ModelIntKeyConditionInput,"
                        + " dueOn: ModelStringKeyConditionInput, sortDirection: ModelSortDirection,");
        assertThat(sdl).doesNotContain("ModelTaskTasksByTeamAndRegionAndPriorityAndDueOnComposite");
    }

    @Test
    void theIntrospectionNamesEveryKeyFieldAndLeavesOutWhatTheClientCannotCall() {
        JsonNode release = introspection.at("/models/Release");
        assertThat(release.at("/primaryKeyInfo").toString()).isEqualTo("{\"isCustomPrimaryKey\":true,"
                + "\"primaryKeyFieldName\":\"tenant\",\"sortKeyFieldNames\":[\"slug\",\"version\"]}");
        assertThat(release.at("/attributes/1").toString())
                .isEqualTo("{\"type\":\"key\",\"properties\":{\"fields\":[\"tenant\",\"slug\",\"version\"]}}");
        String taskAttributes = introspection.at("/models/Task/attributes").toString();
        assertThat(taskAttributes).contains("{\"type\":\"key\",\"properties\":{\"name\":"
                + "\"tasksByStatusAndPriorityAndCreatedAt\",\"queryField\":\"listTaskByStatusAndPriorityAndCreatedAt\","
                + "\"fields\":[\"status\",\"priority\",\"createdAt\"]}}")
                .doesNotContain("listTasksByTeamAndRegion");
    }

    @Test
    void theResolversKnowWhichAttributesHoldEachKey() {
        ResolverConfigs task = new ResolverConfigs(shapes.get("Task"), Optional.empty());
        assertThat(task.operation("update")).contains("\"composites\":[{\"attribute\":\"priority#createdAt\","
                + "\"fields\":[\"priority\",\"createdAt\"],\"index\":\"tasksByStatusAndPriorityAndCreatedAt\"}");
        ModelShape.IndexShape multi = shapes.get("Task").indexes().get(2);
        assertThat(task.indexQuery(multi)).contains("\"queryKey\":{\"partition\":[\"team\",\"region\"],"
                + "\"sort\":[\"priority\",\"dueOn\"],\"composite\":null,\"argument\":null,\"multi\":true}");
        ResolverConfigs release = new ResolverConfigs(shapes.get("Release"), Optional.empty());
        assertThat(release.operation("get")).contains("\"primaryKey\":{\"partition\":[\"tenant\"],"
                + "\"sort\":[\"slug\",\"version\"],\"composite\":\"slug#version\",\"argument\":\"slugVersion\","
                + "\"multi\":false}");
    }
}
