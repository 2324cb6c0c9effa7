package dev.gen2.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What the blog schema synthesizes: the API and its modes, the tables, the resolvers, the stacks and the outputs. */
class DataResourceTest {
    private static Backend backend;
    private static DataResource data;
    private static Template dataStack;
    private static Template root;

    @BeforeAll
    static void synthesize() {
        backend = TestBackends.sandbox(DataSchemas.AUTH, DataSchemas.BLOG_DATA);
        data = backend.get(DataSchemas.BLOG_DATA);
        dataStack = TestBackends.nestedTemplate(backend, "data");
        root = TestBackends.template(backend.rootStack());
    }

    /** The template of the shard stack that holds a model. */
    static Template modelTemplate(DataResource resource, String model) {
        return TestBackends.template(Stack.of(resource.tables().get(model)));
    }

    @Test
    void theApiHasTheUserPoolDefaultAndTheApiKeyAndIamAsAdditionalModes() {
        dataStack.hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of(
                "Name", "amplifyData",
                "AuthenticationType", "AMAZON_COGNITO_USER_POOLS",
                "UserPoolConfig", Match.objectLike(Map.of("DefaultAction", "ALLOW")),
                "AdditionalAuthenticationProviders", List.of(Map.of("AuthenticationType", "API_KEY"),
                        Map.of("AuthenticationType", "AWS_IAM"))));
        dataStack.resourceCountIs("AWS::AppSync::ApiKey", 1);
        dataStack.hasResourceProperties("AWS::AppSync::GraphQLSchema", Map.of("DefinitionS3Location",
                Match.objectLike(Map.of())));
    }

    @Test
    void theIdentityPoolRolesMayCallTheFieldsTheirIamRulesReach() {
        // the blog's guest rules reach Post and Profile (see IdentityPoolGrantsTest for every field)
        dataStack.resourceCountIs("AWS::IAM::ManagedPolicy", 2);
        dataStack.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Action", "appsync:GraphQL", "Effect", "Allow")))),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(".*amplifyAuthunauthenticatedUserRole.*")))));
    }

    @Test
    void eachModelHasAnOnDemandStreamedTableWithItsKeysAndIndexes() {
        Template todo = modelTemplate(data, "Todo");
        todo.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of(
                        "IndexName", "todosByStatusAndCreatedAt",
                        "KeySchema", List.of(Map.of("AttributeName", "status", "KeyType", "HASH"),
                                Map.of("AttributeName", "createdAt", "KeyType", "RANGE"))))),
                "TableName", Map.of("Fn::Join", List.of("", List.of("Todo-", Match.objectLike(Map.of()),
                        Match.stringLikeRegexp("-NONE-[0-9a-f]+"))))));
        modelTemplate(data, "Profile").hasResourceProperties("AWS::DynamoDB::Table", Map.of("KeySchema", List.of(
                Map.of("AttributeName", "tenant", "KeyType", "HASH"),
                Map.of("AttributeName", "slug", "KeyType", "RANGE"))));
        modelTemplate(data, "Comment").hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of("IndexName", "gsi-Post.comments",
                        "KeySchema", List.of(Map.of("AttributeName", "postId", "KeyType", "HASH")))))));
    }

    @Test
    void sandboxTablesGoWithTheSandboxWhileBranchTablesAreProtectedAndBackedUp() {
        modelTemplate(data, "Todo").hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", false)))));
        DataResource.Factory factory = DataResource.define(d -> d.schema(DataSchemas.BLOG)
                .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.USER_POOLS)
                        .apiKey(AuthorizationModes.ApiKey.defaults())));
        Backend branch = Backend.define(TestBackends.app("app1", "main", DeploymentType.BRANCH), DataSchemas.AUTH,
                factory);
        Template table = modelTemplate(branch.get(factory), "Todo");
        table.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "TableName", Map.of("Fn::Join", List.of("", List.of("Todo-", Match.objectLike(Map.of()),
                                "-main")))))));
    }

    @Test
    void aSandboxReplacesATableWhenItsIndexesChangeWhileABranchUpdatesItInPlace() {
        Schema before = Schema.of(Model.named("Note").field("topic", Field.string()).authorization(AuthRule.owner()));
        Schema after = Schema.of(Model.named("Note").field("topic", Field.string())
                .secondaryIndexes(SecondaryIndex.on("topic")).authorization(AuthRule.owner()));
        Schema more = Schema.of(Model.named("Note").field("topic", Field.string()).field("kind", Field.string())
                .secondaryIndexes(SecondaryIndex.on("topic"), SecondaryIndex.on("kind")).authorization(AuthRule.owner()));
        assertThat(List.of(tableName(before, DeploymentType.SANDBOX), tableName(after, DeploymentType.SANDBOX),
                tableName(more, DeploymentType.SANDBOX))).doesNotHaveDuplicates();
        assertThat(tableName(before, DeploymentType.SANDBOX)).endsWith("-NONE\"]]}");
        assertThat(tableName(after, DeploymentType.BRANCH)).isEqualTo(tableName(more, DeploymentType.BRANCH))
                .endsWith("-main\"]]}");
    }

    private static String tableName(Schema schema, DeploymentType type) {
        DataResource.Factory factory = DataResource.define(d -> d.schema(schema));
        Backend backend = Backend.define(TestBackends.app("app1", "main", type), DataSchemas.AUTH, factory);
        Map<String, Map<String, Object>> tables = Template.fromStack(Stack.of(backend.get(factory).tables()
                .get("Note"))).findResources("AWS::DynamoDB::Table");
        Object name = ((Map<?, ?>) tables.values().iterator().next().get("Properties")).get("TableName");
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(name).toString();
    }

    @Test
    void everyOperationHasAnAppSyncJsPipelineResolverOverTheSharedFunction() {
        Template todo = modelTemplate(data, "Todo");
        for (String[] field : new String[][] {{"Query", "getTodo"}, {"Query", "listTodos"},
                {"Query", "listTodoByStatusAndCreatedAt"}, {"Mutation", "createTodo"}, {"Mutation", "updateTodo"},
                {"Mutation", "deleteTodo"}, {"Subscription", "onCreateTodo"}, {"Subscription", "onUpdateTodo"},
                {"Subscription", "onDeleteTodo"}}) {
            assertThat(todo.findResources("AWS::AppSync::Resolver", Map.of("Properties", Map.of("TypeName", field[0],
                    "FieldName", field[1], "Kind", "PIPELINE", "Runtime", Map.of("Name", "APPSYNC_JS",
                            "RuntimeVersion", "1.0.0"))))).as(field[1]).hasSize(1);
        }
        todo.hasResourceProperties("AWS::AppSync::FunctionConfiguration", Map.of("Name", "TodoOperations",
                "CodeS3Location", Match.objectLike(Map.of()), "Runtime", Map.of("Name", "APPSYNC_JS",
                        "RuntimeVersion", "1.0.0")));
        todo.hasResourceProperties("AWS::AppSync::DataSource", Map.of("Type", "AMAZON_DYNAMODB",
                "Name", "TodoTable"));
        dataStack.hasResourceProperties("AWS::AppSync::DataSource", Map.of("Type", "NONE"));
    }

    @Test
    void relationshipFieldsResolveInTheStackOfTheTableTheyRead() {
        assertThat(resolverCode(modelTemplate(data, "Comment"), "Post", "comments"))
                .contains("\"operation\":\"hasMany\"", "\"index\":\"gsi-Post.comments\"");
        assertThat(resolverCode(modelTemplate(data, "Post"), "Comment", "post"))
                .contains("\"operation\":\"belongsTo\"", "\"references\":[\"postId\"]");
    }

    /** A resolver's code as the template holds it (a join, where it names the identity pool), as text. */
    private static String resolverCode(Template template, String typeName, String fieldName) {
        Map<String, Map<String, Object>> resolvers = template.findResources("AWS::AppSync::Resolver",
                Map.of("Properties", Map.of("TypeName", typeName, "FieldName", fieldName)));
        assertThat(resolvers).hasSize(1);
        return ((Map<?, ?>) resolvers.values().iterator().next().get("Properties")).get("Code").toString();
    }

    @Test
    void resolversCarryTheModelsRulesAndTheIdentityPoolTheyCheck() {
        String code = resolverCode(modelTemplate(data, "Todo"), "Mutation", "createTodo");
        assertThat(code).contains("\"allow\":\"owner\"", "\"ownerField\":\"owner\"",
                "\"identityClaim\":\"sub::username\"", "\"groups\":[\"ADMINS\"]", "\"operations\":[\"read\"]",
                "\"defaults\":{\"done\":false,\"priority\":1,\"status\":\"OPEN\"}", "identityPoolId");
    }

    @Test
    void modelsSitInShardStacksByAStableHashOfTheModelName() {
        for (String model : List.of("Todo", "Post", "Comment", "Profile")) {
            Stack shard = Stack.of(data.tables().get(model));
            assertThat(shard.getNode().getId()).isEqualTo(String.format("ModelShard%02d",
                    DataResource.shardOf(model)));
        }
        assertThat(DataResource.shardOf("Todo")).isEqualTo(Math.floorMod("Todo".hashCode(), 64));
    }

    @Test
    void customOperationsInvokeTheirFunctionThroughOneLambdaDataSourcePerFunction() {
        dataStack.resourcePropertiesCountIs("AWS::AppSync::DataSource", Map.of("Type", "AWS_LAMBDA"), 1);
        dataStack.hasResourceProperties("AWS::AppSync::DataSource", Map.of("Type", "AWS_LAMBDA",
                "LambdaConfig", Map.of("LambdaFunctionArn", Match.anyValue())));
        dataStack.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Action", "lambda:InvokeFunction")))))));
        assertThat(resolverCode(dataStack, "Query", "echo")).contains("\"operation\":\"invoke\"",
                "\"allow\":\"public\"", "\"provider\":\"apiKey\"");
        assertThat(resolverCode(dataStack, "Mutation", "rate")).contains("\"groups\":[\"ADMINS\"]");
        String schemaId = dataStack.findResources("AWS::AppSync::GraphQLSchema").keySet().iterator().next();
        assertThat(dataStack.findResources("AWS::AppSync::Resolver", Map.of("DependsOn", List.of(schemaId))))
                .as("custom operation resolvers wait for the schema").hasSize(2);
        assertThat(data.graphqlSchema()).contains(
                "echo(message: String!): String @aws_iam @aws_api_key @aws_cognito_user_pools",
                "rate(postId: ID!, stars: Int!): Rating @aws_iam @aws_cognito_user_pools");
        assertThat(data.graphqlSchema()).as("the root types a custom operation declares get IAM, as in Amplify")
                .contains("\ntype Query @aws_iam {\n", "\ntype Mutation @aws_iam {\n")
                .contains("\ntype Subscription {\n");
    }

    @Test
    void withoutCustomOperationsTheRootTypesCarryNoTypeLevelDirective() {
        DataResource.Factory todo = DataResource.define(d -> d.schema(amplify.data.DataConfig.SCHEMA));
        String sdl = TestBackends.sandbox(DataSchemas.AUTH, todo).get(todo).graphqlSchema();
        assertThat(sdl).contains("\ntype Query {\n", "\ntype Mutation {\n", "\ntype Subscription {\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theModelIntrospectionDescribesModelsEnumsCustomTypesAndOperations() {
        Map<String, Object> introspection = data.modelIntrospection();
        assertThat(introspection.get("version")).isEqualTo(1);
        Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) introspection.get("models"))
                .get("Post");
        Map<String, Object> fields = (Map<String, Object>) post.get("fields");
        assertThat(fields.get("comments")).isEqualTo(Map.of("name", "comments", "isArray", true,
                "type", Map.of("model", "Comment"), "isRequired", false, "attributes", List.of(),
                "isArrayNullable", true, "association", Map.of("connectionType", "HAS_MANY",
                        "associatedWith", List.of("postId"))));
        assertThat(fields.get("tags")).as("[String!]: elements required, the list nullable").isEqualTo(Map.of(
                "name", "tags", "isArray", true, "type", "String", "isRequired", true, "attributes", List.of(),
                "isArrayNullable", true));
        assertThat(fields.get("location")).isEqualTo(Map.of("name", "location", "isArray", false,
                "type", Map.of("nonModel", "Location"), "isRequired", false, "attributes", List.of()));
        assertThat((List<Object>) post.get("attributes")).contains(Map.of("type", "model", "properties", Map.of()));
        Map<String, Object> models = (Map<String, Object>) introspection.get("models");
        List<Object> commentAttributes = (List<Object>) ((Map<String, Object>) models.get("Comment")).get("attributes");
        assertThat(commentAttributes).as("a relationship's index is not a key of the document, as in Amplify's")
                .noneMatch(attribute -> attribute.toString().contains("gsi-Post.comments"))
                .extracting(attribute -> ((Map<String, Object>) attribute).get("type")).containsExactly("model", "auth");
        assertThat((List<Object>) ((Map<String, Object>) models.get("Todo")).get("attributes")).contains(Map.of(
                "type", "key", "properties", Map.of("name", "todosByStatusAndCreatedAt",
                        "queryField", "listTodoByStatusAndCreatedAt", "fields", List.of("status", "createdAt"))));
        Map<String, Object> profile = (Map<String, Object>) ((Map<String, Object>) introspection.get("models"))
                .get("Profile");
        assertThat(profile.get("primaryKeyInfo")).isEqualTo(Map.of("isCustomPrimaryKey", true,
                "primaryKeyFieldName", "tenant", "sortKeyFieldNames", List.of("slug")));
        assertThat(introspection.get("enums")).isEqualTo(Map.of("Status", Map.of("name", "Status",
                "values", List.of("OPEN", "DONE"))));
        assertThat(((Map<String, Object>) ((Map<String, Object>) introspection.get("enums")).get("Status")).keySet())
                .as("key order is part of the uploaded document, and so of the template").containsExactly("name",
                        "values");
        assertThat(((Map<String, Object>) introspection.get("queries")).get("echo")).isEqualTo(Map.of(
                "name", "echo", "isArray", false, "type", "String", "isRequired", false,
                "arguments", Map.of("message", Map.of("name", "message", "isArray", false, "type", "String",
                        "isRequired", true))));
        assertThat((Map<String, Object>) introspection.get("mutations")).containsKey("rate");
    }

    @Test
    void theOutputsCarryAmplifysGraphqlKeys() {
        Map<String, Map<String, Object>> outputs = root.findOutputs("*");
        assertThat(outputs).containsKeys("awsAppsyncApiId", "awsAppsyncApiEndpoint", "awsAppsyncApiKey",
                "amplifyApiModelSchemaS3Uri");
        assertThat(outputs.get("awsAppsyncAuthenticationType").get("Value")).isEqualTo("AMAZON_COGNITO_USER_POOLS");
        assertThat(outputs.get("awsAppsyncAdditionalAuthenticationTypes").get("Value")).isEqualTo("API_KEY,AWS_IAM");
        assertThat(outputs.get("amplifyApiModelSchemaS3Uri").get("Value").toString()).contains(".json");
    }
}
