package dev.gen2.backend.data;

import static dev.gen2.backend.TestBackends.assertConfigError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad schema and authorization setup fails at synth with where, what and how to fix it. */
class DataValidationTest {
    private static final Model TODO = Model.named("Todo").field("content", Field.string())
            .authorization(AuthRule.owner());

    static Stream<Arguments> badSchemas() {
        return Stream.of(
                bad("data.schema", "The schema has no models.", Schema.of()),
                bad("data.schema.todo-item", "'todo-item' is not a valid GraphQL type name.",
                        Schema.of(Model.named("todo-item"))),
                bad("data.schema.Query", "'Query' is a name the generated schema uses itself.",
                        Schema.of(Model.named("Query"))),
                bad("data.schema.Todo", "The schema defines 'Todo' more than once.", Schema.of(TODO, TODO)),
                bad("data.schema.ModelTodoConnection", "'ModelTodoConnection' is a name the generated schema uses"
                        + " itself.", Schema.of(TODO, Model.named("ModelTodoConnection"))),
                bad("data.schema.Todo.owner", "'owner' is both a field and a relationship.",
                        Schema.of(TODO.field("listId", Field.id()).belongsTo("owner", "List", "listId"),
                                Model.named("List"))),
                bad("data.schema.Todo.status", "The field refers to the enum 'Status', which the schema does not"
                        + " define.", Schema.of(TODO.field("status", Field.enumRef("Status")))),
                bad("data.schema.Todo.place", "The field refers to the custom type 'Place', which the schema does"
                        + " not define.", Schema.of(TODO.field("place", Field.customType("Place")))),
                bad("data.schema.Todo.and", "'and' is not a valid field name.",
                        Schema.of(TODO.field("and", Field.string()))),
                bad("data.schema.Todo.rank", "The default value 'high' is not a valid Int.",
                        Schema.of(TODO.field("rank", Field.integer().defaultValue("high")))),
                bad("data.schema.Todo.title", "The default value 5 is a number, but the field's type is String.",
                        Schema.of(TODO.field("title", Field.string().defaultValue(5)))),
                bad("data.schema.Todo.done", "The default value 1 is a number, but the field's type is Boolean.",
                        Schema.of(TODO.field("done", Field.bool().defaultValue(1)))),
                bad("data.schema.Todo.rank", "The default value 1.5 is a number, but the field's type is Int.",
                        Schema.of(TODO.field("rank", Field.integer().defaultValue(1.5)))),
                bad("data.schema.Todo.due", "The default value true is a boolean, but the field's type is AWSDate.",
                        Schema.of(TODO.field("due", Field.date().defaultValue(true)))),
                bad("data.schema.Todo.due", "The default value 'tomorrow' is not a valid AWSDate.",
                        Schema.of(TODO.field("due", Field.date().defaultValue("tomorrow")))),
                bad("data.schema.Todo.due", "The default value '2025-02-30' is not a valid AWSDate.",
                        Schema.of(TODO.field("due", Field.date().defaultValue("2025-02-30")))),
                bad("data.schema.Todo.at", "The default value '12:30' is not a valid AWSTime.",
                        Schema.of(TODO.field("at", Field.time().defaultValue("12:30")))),
                bad("data.schema.Todo.at", "The default value '2025-01-31 12:30:00' is not a valid AWSDateTime.",
                        Schema.of(TODO.field("at", Field.datetime().defaultValue("2025-01-31 12:30:00")))),
                bad("data.schema.Todo.mail", "The default value 'nobody' is not a valid AWSEmail.",
                        Schema.of(TODO.field("mail", Field.email().defaultValue("nobody")))),
                bad("data.schema.Todo.meta", "The default value '{not json' is not a valid AWSJSON.",
                        Schema.of(TODO.field("meta", Field.json().defaultValue("{not json")))),
                bad("data.schema.Todo.tel", "The default value '555-0100' is not a valid AWSPhone.",
                        Schema.of(TODO.field("tel", Field.phone().defaultValue("555-0100")))),
                bad("data.schema.Todo.link", "The default value 'example.com' is not a valid AWSURL.",
                        Schema.of(TODO.field("link", Field.url().defaultValue("example.com")))),
                bad("data.schema.Todo.ip", "The default value '256.1.1.1' is not a valid AWSIPAddress.",
                        Schema.of(TODO.field("ip", Field.ipAddress().defaultValue("256.1.1.1")))),
                bad("data.schema.Todo.authorization", "A groups rule names a group without a name: ''.",
                        Schema.of(TODO.authorization(AuthRule.groups("")))),
                bad("data.schema.Todo.status", "The default value 'LATER' is not a valid Status.",
                        Schema.of(TODO.field("status", Field.enumRef("Status").defaultValue("LATER")))
                                .enums(EnumType.of("Status", "OPEN"))),
                bad("data.schema.Todo.tags", "Only scalar and enum fields can have a default value.",
                        Schema.of(TODO.field("tags", Field.string().array().defaultValue("a")))),
                bad("data.schema.Status", "The value 'OPEN' is listed twice.",
                        Schema.of(TODO).enums(EnumType.of("Status", "OPEN", "OPEN"))),
                bad("data.schema.Todo.identifier", "The identifier field 'slug' is not a field of the model.",
                        Schema.of(TODO.identifier("slug"))),
                bad("data.schema.Todo.identifier", "The identifier field 'slug' must be required.",
                        Schema.of(TODO.field("slug", Field.string()).identifier("slug"))),
                bad("data.schema.Todo.identifier", "The key field 'done' is a Boolean!; keys must be single scalar"
                        + " values other than Boolean and AWSJSON.",
                        Schema.of(TODO.field("done", Field.bool().required()).identifier("done"))),
                bad("data.schema.Todo.secondaryIndexes", "The key field 'meta' is a AWSJSON; keys must be single"
                        + " scalar values other than Boolean and AWSJSON.", Schema.of(TODO.field("meta", Field.json())
                        .secondaryIndexes(SecondaryIndex.on("content").sortKeys("createdAt", "meta")))),
                bad("data.schema.Todo.secondaryIndexes", "The key field 'tags' is a [String]; keys must be single"
                        + " scalar values other than Boolean and AWSJSON.", Schema.of(TODO.field("tags",
                        Field.string().array()).secondaryIndexes(SecondaryIndex.on("content").sortKeys("tags")
                        .multiAttributeKeys()))),
                bad("data.schema.Todo.secondaryIndexes", "The index on [a, b, c, d, e] has 5 partition key and 0"
                        + " sort key attributes; DynamoDB's multi-attribute keys take at most 4 of each.",
                        Schema.of(fields(TODO, "a", "b", "c", "d", "e").secondaryIndexes(SecondaryIndex.on("a", "b",
                                "c", "d", "e").multiAttributeKeys()))),
                bad("data.schema.Todo.secondaryIndexes", "The index on [a] has 1 partition key and 5 sort key"
                        + " attributes; DynamoDB's multi-attribute keys take at most 4 of each.",
                        Schema.of(fields(TODO, "a", "b", "c", "d", "e", "f").secondaryIndexes(SecondaryIndex.on("a")
                                .sortKeys("b", "c", "d", "e", "f").multiAttributeKeys()))),
                bad("data.schema.Todo.secondaryIndexes", "The index on [a, b] has 2 partition key fields; only"
                        + " DynamoDB's multi-attribute keys take more than one.",
                        Schema.of(fields(TODO, "a", "b").secondaryIndexes(SecondaryIndex.on("a", "b")))),
                bad("data.schema.Todo.secondaryIndexes", "The index key 'missing' is not a field of the model.",
                        Schema.of(TODO.secondaryIndexes(SecondaryIndex.on("content").sortKeys("createdAt",
                                "missing")))),
                bad("data.schema.Todo.identifier", "The identifier field 'missing' is not a field of the model.",
                        Schema.of(fields(TODO, "a", "b").identifier("a", "b", "missing"))),
                bad("data.schema.Todo.list", "The relationship refers to List, whose identifier [a, b, c] has a"
                        + " composite sort key; relationships to such models are not supported yet.",
                        Schema.of(fields(TODO, "x", "y", "z").belongsTo("list", "List", "x", "y", "z"),
                                fields(Model.named("List"), "a", "b", "c").identifier("a", "b", "c"))),
                bad("data.schema.Todo.secondaryIndexes", "The index key 'missing' is not a field of the model.",
                        Schema.of(TODO.secondaryIndexes(SecondaryIndex.on("missing")))),
                bad("data.schema.Todo.secondaryIndexes", "The indexName is invalid. It should be between 3 and 255"
                        + " characters.", Schema.of(TODO.secondaryIndexes(SecondaryIndex.on("content").name("x")))),
                bad("data.schema.Todo.secondaryIndexes", "Two indexes of the model have the same name or keys.",
                        Schema.of(TODO.secondaryIndexes(SecondaryIndex.on("content"), SecondaryIndex.on("content")))),
                bad("data.schema.Todo.list", "The relationship refers to the model 'List', which the schema does"
                        + " not define.", Schema.of(TODO.field("listId", Field.id()).belongsTo("list", "List",
                        "listId"))),
                bad("data.schema.Todo.list", "The reference field 'listId' is not a field of Todo.",
                        Schema.of(TODO.belongsTo("list", "List", "listId"), Model.named("List"))),
                bad("data.schema.Todo.list", "The relationship names 2 reference field(s), but List's identifier"
                        + " has 1.", Schema.of(TODO.field("a", Field.id()).field("b", Field.id())
                        .belongsTo("list", "List", "a", "b"), Model.named("List"))),
                bad("data.schema.List.todos", "The hasMany relationship 'todos' has no matching belongsTo on"
                        + " Todo.", Schema.of(TODO.field("listId", Field.id()),
                        Model.named("List").hasMany("todos", "Todo", "listId"))),
                bad("data.schema.Todo.authorization", "A rule allows no operations.",
                        Schema.of(TODO.authorization(AuthRule.owner().to()))),
                bad("data.schema.Todo.authorization", "A owner rule cannot use the apiKey provider.",
                        Schema.of(TODO.authorization(AuthRule.owner().withProvider(AuthProvider.API_KEY)))),
                bad("data.schema.Todo.authorization", "A groups rule names no groups.",
                        Schema.of(TODO.authorization(AuthRule.groups(new String[0])))),
                bad("data.schema.Todo.authorization", "The rule's field 'author' is a Int; it must be a string.",
                        Schema.of(TODO.field("author", Field.integer())
                                .authorization(AuthRule.ownerDefinedIn("author")))),
                bad("data.schema.Todo.authorization", "The rule's field 'editors' is a String; it must be a list"
                        + " of strings.", Schema.of(TODO.field("editors", Field.string())
                        .authorization(AuthRule.ownersDefinedIn("editors")))),
                bad("data.schema.Query.echo", "A custom operation needs a handler.",
                        Schema.of(TODO).operations(CustomOperation.query("echo"))),
                bad("data.schema.Query.getTodo", "'getTodo' is already a field of Query.",
                        Schema.of(TODO).operations(CustomOperation.query("getTodo").handler(DataSchemas.ECHO))),
                bad("data.schema.Mutation.like.authorization", "Owner and dynamic group rules need a record, and a"
                        + " custom operation has none.", Schema.of(TODO).operations(CustomOperation.mutation("like")
                        .handler(DataSchemas.ECHO).authorization(AuthRule.owner()))),
                bad("data.schema.Query.echo.returns", "The field refers to the custom type 'Missing', which the"
                        + " schema does not define.", Schema.of(TODO).operations(CustomOperation.query("echo")
                        .returns(Field.customType("Missing")).handler(DataSchemas.ECHO))));
    }

    private static Arguments bad(String where, String problem, Schema schema) {
        return Arguments.of(where, problem, schema);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSchemas")
    void aBadSchemaIsRefusedWhenDefined(String where, String problem, Schema schema) {
        assertConfigError(() -> DataResource.define(d -> d.schema(schema)), where, problem);
    }

    @Test
    void nullArgumentsAreConfigErrors() {
        assertConfigError(() -> AuthRule.groups("ADMINS", null), "AuthRule.groups", "A group name is null.");
        assertConfigError(() -> DataResource.define(d -> d.schema(null)), "data.schema", "The schema is null.");
        assertConfigError(() -> DataResource.define(null), "data", "The definition is null.");
        assertConfigError(() -> Model.named(null), "data.schema", "A model's name is null.");
        assertConfigError(() -> TODO.field("title", null), "data.schema.Todo.title", "The field is null.");
        assertConfigError(() -> Schema.of(TODO, null), "data.schema", "A model is null.");
        assertConfigError(() -> TODO.authorization(AuthRule.owner(), null), "data.schema.Todo.authorization",
                "A rule is null.");
        assertConfigError(() -> CustomOperation.query(null), "data.schema", "A custom operation's name is null.");
        assertConfigError(() -> Field.string().defaultValue((String) null), "data.schema", "A default value is null.");
        assertConfigError(() -> DataResource.define(d -> d.access(null, DataAccess.QUERY)), "data.access",
                "The function is null.");
    }

    @Test
    void theDefaultAFixOffersIsAcceptedForEveryScalarAndEnum() {
        List<Field> bad = new ArrayList<>();
        for (Scalar scalar : Scalar.values()) {
            bad.add(new Field(scalar, false, false, false, Optional.of(new Field.DefaultValue("not one",
                    Field.DefaultValue.Given.TEXT)), List.of()));
            bad.add(new Field(scalar, false, false, false, Optional.of(new Field.DefaultValue("x",
                    Field.DefaultValue.Given.BOOLEAN)), List.of()));
        }
        bad.add(Field.enumRef("Status").defaultValue("LATER"));
        int offered = 0;
        for (Field field : bad) {
            BackendConfigException error = catchThrowableOfType(BackendConfigException.class, () ->
                    DataResource.define(d -> d.schema(Schema.of(TODO.field("x", field)).enums(EnumType.of("Status",
                            "OPEN", "DONE")))));
            if (error == null) {
                continue; // text is a value of ID and String
            }
            String value = error.replacement().orElseThrow(() -> new AssertionError("no default offered: " + error));
            assertThat(error.fix()).containsAnyOf(value, value.replace("\"", "\\\"")); // as text or in Java
            DataResource.define(d -> d.schema(Schema.of(TODO.field("x", field.defaultValue(value)))
                    .enums(EnumType.of("Status", "OPEN", "DONE"))));
            offered++;
        }
        assertThat(offered).isGreaterThan(Scalar.values().length);
        assertThat(catchThrowableOfType(BackendConfigException.class, () -> DataResource.define(d -> d.schema(
                Schema.of(TODO.field("status", Field.enumRef("Status").defaultValue("LATER"))).enums(EnumType.of(
                        "Status", "OPEN"))))).fix()).isEqualTo("give a default of the field's type:"
                + " defaultValue(\"OPEN\").");
    }

    @Test
    void aMissingIdentifierFieldIsDeclaredWithCodeThatCompiles() {
        assertThat(catchThrowableOfType(BackendConfigException.class, () -> DataResource.define(d -> d.schema(
                Schema.of(TODO.identifier("slug"))))).fix())
                .isEqualTo("declare it, for example field(\"slug\", Field.string().required()).");
    }

    @Test
    void defaultsOfTheFieldsTypeAreAccepted() {
        assertThatCode(() -> DataResource.define(d -> d.schema(Schema.of(TODO
                .field("title", Field.string().defaultValue("untitled"))
                .field("rank", Field.integer().defaultValue(1)).field("count", Field.integer().defaultValue("3"))
                .field("ratio", Field.floatType().defaultValue(2)).field("score", Field.floatType().defaultValue(0.5))
                .field("done", Field.bool().defaultValue(false)).field("due", Field.date().defaultValue("2024-02-29"))
                .field("at", Field.time().defaultValue("12:30:00.250+02:00"))
                .field("stamp", Field.datetime().defaultValue("2025-01-31T12:30:00Z"))
                .field("seen", Field.timestamp().defaultValue(1700000000)).field("mail", Field.email()
                        .defaultValue("someone@example.com")).field("meta", Field.json().defaultValue("{\"a\": [1]}"))
                .field("tel", Field.phone().defaultValue("+1 206-555-0100"))
                .field("link", Field.url().defaultValue("https://example.com/a?b=c"))
                .field("ip", Field.ipAddress().defaultValue("127.0.0.1"))
                .field("ip6", Field.ipAddress().defaultValue("2001:db8::1")))))).doesNotThrowAnyException();
    }

    @Test
    void anInvalidApiNameIsRefused() {
        assertConfigError(() -> DataResource.define(d -> d.name("my api!").schema(Schema.of(TODO))), "data.name",
                "Resource name contains invalid characters, found my api!.");
    }

    @Test
    void severalModesNeedADefault() {
        DataResource.Factory data = DataResource.define(d -> d.schema(Schema.of(TODO))
                .authorizationModes(AuthorizationModes.defaults().apiKey(AuthorizationModes.ApiKey.defaults())));
        assertConfigError(() -> TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()), data),
                "data.authorizationModes", "A defaultAuthorizationMode is required if multiple authorization modes"
                        + " are configured.");
    }

    @Test
    void theUserPoolModeNeedsAuth() {
        DataResource.Factory data = DataResource.define(d -> d.schema(Schema.of(TODO))
                .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.USER_POOLS)));
        assertConfigError(() -> TestBackends.sandbox(data), "data.authorizationModes.defaultAuthorizationMode",
                "The default mode userPool needs auth, and the backend has none.");
    }

    @Test
    void rulesNeedTheirModes() {
        DataResource.Factory apiKeyRule = DataResource.define(d -> d.schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.publicApiKey()))));
        assertConfigError(() -> TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()), apiKeyRule),
                "data.schema.Note.authorization", "A public rule uses the apiKey provider, which the API does not"
                        + " have.");
        DataResource.Factory ownerWithoutAuth = DataResource.define(d -> d.schema(Schema.of(TODO)));
        assertConfigError(() -> TestBackends.sandbox(ownerWithoutAuth), "data.schema.Todo.authorization",
                "A owner rule uses the userPools provider, which the API does not have.");
        DataResource.Factory custom = DataResource.define(d -> d.schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.custom()))));
        assertConfigError(() -> TestBackends.sandbox(custom), "data.schema.Note.authorization",
                "A custom rule uses the function provider, which the API does not have.");
    }

    @Test
    void anApiKeyExpiresWithinAYear() {
        DataResource.Factory data = DataResource.define(d -> d.schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.publicApiKey())))
                .authorizationModes(AuthorizationModes.defaults().apiKey(AuthorizationModes.ApiKey.expiresInDays(400))));
        assertConfigError(() -> TestBackends.sandbox(data), "data.authorizationModes.apiKey.expiresInDays",
                "An API key must expire in 1 to 365 days; 400 was given.");
    }

    @Test
    void aBackendHasOneData() {
        DataResource.Factory first = DataResource.define(d -> d.schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.publicApiKey()))));
        DataResource.Factory second = DataResource.define(d -> d.name("other").schema(Schema.of(Model.named("Note")
                .authorization(AuthRule.publicApiKey()))));
        assertConfigError(() -> TestBackends.sandbox(first, second), "Backend.define",
                "Multiple data resources are not allowed within a backend: found 2.");
    }

    /** The model with required string fields of these names. */
    private static Model fields(Model model, String... names) {
        Model more = model;
        for (String name : names) {
            more = more.field(name, Field.string().required());
        }
        return more;
    }
}
