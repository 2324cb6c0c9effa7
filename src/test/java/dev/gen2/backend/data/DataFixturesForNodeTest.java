package dev.gen2.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gen2.backend.function.FunctionResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Writes what the Node tests of the data resolvers run against ({@code target/data-fixtures/<schema>/}): the SDL,
 * the model introspection, and each model's table and resolvers exactly as the stacks deploy them, with the identity
 * pool roles' {@code appsync:GraphQL} grants. The identity pool's id is not known until the fixture is deployed, as in
 * a real stack (where it is a reference resolved at deploy time): the resolver code carries
 * {@value #IDENTITY_POOL_ID}, which the template builder (src/test/node/local-graphql.mjs) replaces with the
 * deployed pool's id through {@code Fn::Join}, as CDK renders a token inside a string.
 */
class DataFixturesForNodeTest {
    static final Path DIRECTORY = Path.of("target", "data-fixtures");
    static final String IDENTITY_POOL_ID = "${IdentityPoolId}";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void writesTheBlogSchema() throws Exception {
        write("blog", DataSchemas.BLOG);
        assertThat(DIRECTORY.resolve("blog/plan.json")).exists();
    }

    @Test
    void writesTheAuthorizerSchema() throws Exception {
        write("authorized", DataSchemas.AUTHORIZED);
        assertThat(DIRECTORY.resolve("authorized/schema.graphql")).content().contains("@aws_lambda");
    }

    @Test
    void theResolversCarryThePlaceholderOfTheDeployedIdentityPoolAndTheRolesTheirGrants() throws Exception {
        write("blog", DataSchemas.BLOG);
        String plan = Files.readString(DIRECTORY.resolve("blog/plan.json"));
        assertThat(plan).contains("\\\"identityPoolId\\\":\\\"${IdentityPoolId}\\\"")
                .doesNotContain("us-east-1:");
        assertThat(JSON.readTree(plan).at("/identityPoolGrants/guest").toString())
                .contains("Query/fields/listPosts", "Query/fields/getProfile", "ModelPostConnection/*")
                .doesNotContain("Mutation");
    }

    @Test
    void writesTheOidcSchema() throws Exception {
        write("oidc", DataSchemas.OIDC);
        assertThat(DIRECTORY.resolve("oidc/schema.graphql")).content()
                .contains("type Diary @aws_iam @aws_oidc", "type Memo @aws_iam @aws_cognito_user_pools @aws_oidc");
        assertThat(DIRECTORY.resolve("oidc/plan.json")).content()
                .contains("\\\"provider\\\":\\\"oidc\\\"", "\\\"identityClaim\\\":\\\"email\\\"");
    }

    @Test
    void writesTheSampleSchema() throws Exception {
        write("sample", amplify.data.DataConfig.SCHEMA);
        assertThat(DIRECTORY.resolve("sample/schema.graphql")).exists();
    }

    @Test
    void writesTheKeysSchema() throws Exception {
        write("keys", DataSchemas.KEYS);
        assertThat(JSON.readTree(DIRECTORY.resolve("keys/plan.json").toFile()).at("/models/Release/keys").toString())
                .isEqualTo("[\"tenant\",\"slug#version\"]");
    }

    /**
     * A key's DynamoDB attributes as the template builder declares them: {@code keys} (partition key attributes,
     * then sort key attributes), their {@code keyTypes}, and how many of them ({@code hashKeys}) are the partition
     * key, several with multi-attribute keys.
     */
    private static Map<String, Object> keySchema(ModelShape shape, ModelShape.KeyShape key) {
        List<String> attributes = new java.util.ArrayList<>(key.partitionAttributes());
        attributes.addAll(key.sortAttributes());
        return Map.of("keys", attributes, "keyTypes", attributes.stream().map(shape::keyAttributeType).toList(),
                "hashKeys", key.partitionAttributes().size());
    }

    static void write(String name, Schema schema) throws Exception {
        SchemaValidator.validate(schema);
        Map<String, ModelShape> shapes = ModelShape.of(schema);
        Path directory = Files.createDirectories(DIRECTORY.resolve(name));
        Files.writeString(directory.resolve("schema.graphql"), SdlWriter.write(schema, shapes));
        JSON.writeValue(directory.resolve("modelIntrospection.json").toFile(),
                ModelIntrospection.build(schema, shapes));
        Map<String, List<ResolverPlan.PlannedResolver>> resolvers = ResolverPlan.of(shapes,
                Optional.of(IDENTITY_POOL_ID));
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelShape shape : shapes.values()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.putAll(keySchema(shape, shape.primaryKey()));
            model.put("indexes", shape.indexes().stream().map(index -> {
                Map<String, Object> described = new LinkedHashMap<>(keySchema(shape, index.key()));
                described.put("name", index.name());
                return described;
            }).toList());
            model.put("resolvers", resolvers.get(shape.name()));
            models.put(shape.name(), model);
        }
        List<Map<String, Object>> operations = schema.operations().stream().map(operation -> Map.<String, Object>of(
                "typeName", operation.kind().typeName(), "fieldName", operation.name(),
                "code", ResolverConfigs.customOperation(operation, Optional.of(IDENTITY_POOL_ID)),
                "handler", ((FunctionResource.Factory) operation.handler().orElseThrow()).settings().entry()
                        .toAbsolutePath().toString())).toList();
        IdentityPoolGrants grants = IdentityPoolGrants.of(schema, shapes.values());
        JSON.writeValue(directory.resolve("plan.json").toFile(), Map.of("identityPoolIdPlaceholder",
                IDENTITY_POOL_ID, "models", models, "operations", operations,
                "identityPoolGrants", Map.of("authenticated", grants.authenticated(), "guest", grants.guest())));
    }


}
