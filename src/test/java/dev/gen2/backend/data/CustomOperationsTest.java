package dev.gen2.backend.data;

import static dev.gen2.backend.TestBackends.assertConfigError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Custom operations that return models, and custom resolvers (APPSYNC_JS files of the project): the SDL, the model
 * introspection, the resources, and every bad input refused with one line.
 */
class CustomOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Model POST = Model.named("Post").field("title", Field.string())
            .authorization(AuthRule.authenticated());

    private static Template dataStack(Schema schema) {
        Backend backend = Backend.define(TestBackends.app(DeploymentType.SANDBOX), DataSchemas.AUTH,
                DataResource.define(data -> data.schema(schema)));
        return TestBackends.nestedTemplate(backend, "data");
    }

    private static CustomOperation postById(CustomHandler... steps) {
        return CustomOperation.query("postById").argument("id", Field.id().required())
                .returns(Field.modelRef("Post")).handler(steps).authorization(AuthRule.authenticated());
    }

    @Test
    void theSdlReturnsTheModelTypeAndAListOfIt() {
        String sdl = SdlWriter.write(DataSchemas.CUSTOM, ModelShape.of(DataSchemas.CUSTOM));
        assertThat(sdl).contains("  postById(id: ID!): Post @aws_iam @aws_cognito_user_pools\n",
                "  postsByIds(ids: [ID!]!): [Post] @aws_iam @aws_cognito_user_pools\n",
                "  retitlePost(id: ID!, title: String!): Post @aws_iam @aws_cognito_user_pools\n",
                "type Post @aws_iam @aws_cognito_user_pools {");
    }

    @Test
    void theIntrospectionNamesTheModelAsAmplifyShapesIt() {
        JsonNode document = JSON.valueToTree(ModelIntrospection.build(DataSchemas.CUSTOM,
                ModelShape.of(DataSchemas.CUSTOM)));
        assertThat(document.at("/queries/postById/type").toString()).isEqualTo("{\"model\":\"Post\"}");
        assertThat(document.at("/queries/postsByIds/isArray").asBoolean()).isTrue();
        assertThat(document.at("/queries/postsByIds/type/model").asText()).isEqualTo("Post");
        assertThat(document.at("/mutations/retitlePost/type/model").asText()).isEqualTo("Post");
    }

    @Test
    void aCustomResolverIsTheRulesCheckThenEachFileOverItsDataSource() throws Exception {
        Template stack = dataStack(DataSchemas.CUSTOM);
        Map<String, Map<String, Object>> functions = stack.findResources("AWS::AppSync::FunctionConfiguration",
                Map.of("Properties", Map.of("Name", Match.stringLikeRegexp("^Fn_.*"))));
        assertThat(functions.values().stream().map(function -> ((Map<?, ?>) function.get("Properties"))
                .get("Name")).map(Object::toString).toList()).containsExactlyInAnyOrder("Fn_Query_postById_1", "Fn_Query_postsByIds_1",
                        "Fn_Query_postsByIds_2", "Fn_Mutation_retitlePost_1", "Fn_Query_ping_1");
        String pipeline = JSON.writeValueAsString(stack.findResources("AWS::AppSync::Resolver", Map.of(
                "Properties", Map.of("FieldName", "postsByIds"))));
        assertThat(pipeline).contains("\\\"operation\\\":\\\"authorize\\\"", "\\\"groups\\\":[\\\"EDITORS\\\"]",
                "SubscriptionFunction", "QueryPostsByIdsStep1", "QueryPostsByIdsStep2");
        assertThat(pipeline.indexOf("SubscriptionFunction")).isLessThan(pipeline.indexOf("QueryPostsByIdsStep1"));
        assertThat(pipeline.indexOf("QueryPostsByIdsStep1")).isLessThan(pipeline.indexOf("QueryPostsByIdsStep2"));
        stack.hasResourceProperties("AWS::AppSync::FunctionConfiguration", Map.of("Name", "Fn_Query_ping_1",
                "DataSourceName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^.*NoneDataSource.*$"),
                        "Name"))));
        // the model's table's data source lives in its shard stack, and reaches the function through its output
        stack.hasResourceProperties("AWS::AppSync::FunctionConfiguration", Map.of("Name", "Fn_Query_postById_1",
                "DataSourceName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^.*ModelShard.*$"),
                        Match.stringLikeRegexp("^Outputs\\..*DataSource.*Name$")))));
    }

    @Test
    void anHttpDataSourceIsMadeOncePerNameWithItsEndpoint() {
        CustomHandler forecast = CustomHandler.entry("src/test/resources/resolvers/forecast.js")
                .dataSource(CustomDataSource.http("Weather", "https://api.example.com"));
        Template stack = dataStack(Schema.of(POST).operations(
                CustomOperation.query("forecast").argument("city", Field.string()).handler(forecast)
                        .authorization(AuthRule.authenticated()),
                CustomOperation.query("forecastAgain").argument("city", Field.string()).handler(forecast)
                        .authorization(AuthRule.authenticated())));
        stack.resourcePropertiesCountIs("AWS::AppSync::DataSource", Map.of("Type", "HTTP"), 1);
        stack.hasResourceProperties("AWS::AppSync::DataSource", Map.of("Type", "HTTP", "Name", "Weather",
                "HttpConfig", Map.of("Endpoint", "https://api.example.com")));
    }

    @Test
    void aMissingFileIsOneLineBeforeAnythingDeploys() {
        assertConfigError(() -> dataStack(Schema.of(POST).operations(postById(CustomHandler.entry(
                "src/main/resolvers/nowhere.js")))), "data.schema.Query.postById.handler",
                "Cannot find the custom resolver file src/main/resolvers/nowhere.js");
    }

    @Test
    void codeTheAppSyncRuntimeRefusesIsOneLineNamingTheFileAndTheLine() {
        assertConfigError(() -> dataStack(Schema.of(POST).operations(postById(CustomHandler.entry(
                "src/test/resources/resolvers/forbidden.js")))), "data.schema.Query.postById.handler",
                "src/test/resources/resolvers/forbidden.js:5:3 While statements are not supported."
                        + " (@aws-appsync/no-while). Fix: ");
    }

    @Test
    void badDefinitionsAreRefusedWhenDefined() {
        CustomHandler ping = CustomHandler.entry(DataSchemas.RESOLVERS + "ping.js");
        assertConfigError(() -> DataResource.define(data -> data.schema(Schema.of(POST).operations(
                CustomOperation.query("lost").returns(Field.modelRef("Lost")).handler(ping)))),
                "data.schema.Query.lost.returns", "The operation returns the model 'Lost', which the schema does"
                        + " not define.");
        assertConfigError(() -> DataResource.define(data -> data.schema(Schema.of(POST.field("other",
                Field.modelRef("Post"))))), "data.schema.Post.other", "which only a custom operation may return");
        assertConfigError(() -> DataResource.define(data -> data.schema(Schema.of(POST).operations(
                CustomOperation.query("both").handler(DataSchemas.ECHO).handler(ping)))),
                "data.schema.Query.both", "The operation has both a function and custom handlers.");
        assertConfigError(() -> DataResource.define(data -> data.schema(Schema.of(POST).operations(
                CustomOperation.query("table").handler(ping.dataSource(CustomDataSource.model("Lost")))))),
                "data.schema.Query.table.handler", "the table of the model 'Lost', which the schema does not define");
        assertConfigError(() -> DataResource.define(data -> data.schema(Schema.of(POST).operations(
                CustomOperation.query("web").handler(ping.dataSource(CustomDataSource.http("Web",
                        "https://api.example.com/v1/path")))))),
                "data.schema.Query.web.handler", "endpoint 'https://api.example.com/v1/path' is not a scheme and"
                        + " host.");
        assertConfigError(() -> DataResource.define(data -> data.schema(Schema.of(POST).operations(
                CustomOperation.query("one").handler(ping.dataSource(CustomDataSource.http("Web",
                        "https://a.example.com"))),
                CustomOperation.query("two").handler(ping.dataSource(CustomDataSource.http("Web",
                        "https://b.example.com")))))),
                "data.schema.Query.one.handler", "The HTTP data source Web has two endpoints");
    }
}
