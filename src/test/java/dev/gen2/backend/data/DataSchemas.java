package dev.gen2.backend.data;

import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.function.FunctionResource;
import java.util.ArrayList;
import java.util.List;

/** Schemas and backends the data tests share. */
public final class DataSchemas {
    static final AuthResource.Factory AUTH = AuthResource.define(auth -> auth.loginWithEmail().groups("ADMINS"));
    static final FunctionResource.Factory ECHO = FunctionResource.define(fn -> fn.name("echo")
            .entry("src/test/resources/functions/echo"));
    static final FunctionResource.Factory IDENTITY = FunctionResource.define(fn -> fn.name("identity")
            .entry("src/test/resources/functions/identity"));

    /** The custom resolver files the parity case, the unit tests and the local backend's Node test share. */
    static final String RESOLVERS = "src/test/parity/cases/custom-ops/amplify/data/";

    /**
     * Custom operations that return a model or a list of models, answered by custom APPSYNC_JS resolvers: over the
     * model's table, a pipeline (NONE, then the table), a mutation, and one on NONE alone; as the parity case
     * {@code custom-ops} defines them with Amplify.
     */
    public static final Schema CUSTOM = Schema.of(
            Model.named("Post").field("title", Field.string().required()).hasMany("comments", "Comment", "postId")
                    .authorization(AuthRule.authenticated()),
            Model.named("Comment").field("text", Field.string()).field("postId", Field.id())
                    .belongsTo("post", "Post", "postId").authorization(AuthRule.authenticated()))
            .operations(
                    CustomOperation.query("postById").argument("id", Field.id().required())
                            .returns(Field.modelRef("Post"))
                            .handler(CustomHandler.entry(RESOLVERS + "post-by-id.js")
                                    .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated()),
                    CustomOperation.query("postsByIds").argument("ids", Field.id().required().array().required())
                            .returns(Field.modelRef("Post").array())
                            .handler(CustomHandler.entry(RESOLVERS + "check-ids.js"),
                                    CustomHandler.entry(RESOLVERS + "posts-by-ids.js")
                                            .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated(), AuthRule.groups("EDITORS")),
                    CustomOperation.mutation("retitlePost").argument("id", Field.id().required())
                            .argument("title", Field.string().required()).returns(Field.modelRef("Post"))
                            .handler(CustomHandler.entry(RESOLVERS + "retitle-post.js")
                                    .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated()),
                    CustomOperation.query("ping").returns(Field.string())
                            .handler(CustomHandler.entry(RESOLVERS + "ping.js"))
                            .authorization(AuthRule.authenticated()));

    /**
     * Every field type, an enum, custom types, a custom identifier, an index, has-many, has-one, belongs-to and a
     * many-to-many join model, every rule, and a custom query and mutation handled by a function.
     */
    static final Schema BLOG = Schema.of(
            Model.named("Todo")
                    .field("content", Field.string())
                    .field("done", Field.bool().required().defaultValue(false))
                    .field("priority", Field.integer().defaultValue(1))
                    .field("status", Field.enumRef("Status").defaultValue("OPEN"))
                    .secondaryIndexes(SecondaryIndex.on("status").sortKeys("createdAt"))
                    .authorization(AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ)),
            Model.named("Post")
                    .field("title", Field.string().required())
                    .field("rating", Field.floatType())
                    .field("tags", Field.string().required().array())
                    .field("published", Field.date())
                    .field("at", Field.time())
                    .field("when", Field.datetime())
                    .field("stamp", Field.timestamp())
                    .field("contact", Field.email())
                    .field("meta", Field.json())
                    .field("phone", Field.phone())
                    .field("site", Field.url())
                    .field("ip", Field.ipAddress())
                    .field("location", Field.customType("Location"))
                    .field("editors", Field.string().array())
                    .field("secret", Field.string().authorization(AuthRule.ownersDefinedIn("editors")))
                    .hasMany("comments", "Comment", "postId")
                    .hasMany("postTags", "PostTag", "postId")
                    .authorization(AuthRule.publicApiKey().to(Operation.READ), AuthRule.guest().to(Operation.READ),
                            AuthRule.ownersDefinedIn("editors"), AuthRule.authenticated().to(Operation.READ)),
            Model.named("Comment")
                    .field("postId", Field.id())
                    .field("body", Field.string().required())
                    .belongsTo("post", "Post", "postId")
                    .authorization(AuthRule.publicApiKey().to(Operation.READ), AuthRule.owner(),
                            AuthRule.groupDefinedIn("team")),
            Model.named("Tag")
                    .field("label", Field.string().required())
                    .hasMany("postTags", "PostTag", "tagId")
                    .authorization(AuthRule.authenticated()),
            Model.named("PostTag")
                    .field("postId", Field.id().required())
                    .field("tagId", Field.id().required())
                    .belongsTo("post", "Post", "postId")
                    .belongsTo("tag", "Tag", "tagId")
                    .authorization(AuthRule.authenticated()),
            Model.named("Author")
                    .field("name", Field.string())
                    .hasOne("bio", "Bio", "authorId")
                    .authorization(AuthRule.ownerDefinedIn("account"), AuthRule.authenticated().to(Operation.READ)),
            Model.named("Bio")
                    .field("authorId", Field.id())
                    .field("text", Field.string())
                    .belongsTo("author", "Author", "authorId")
                    .authorization(AuthRule.authenticated()),
            Model.named("Profile")
                    .field("tenant", Field.string().required())
                    .field("slug", Field.string().required())
                    .field("bio", Field.string())
                    .identifier("tenant", "slug")
                    .authorization(AuthRule.authenticated(AuthProvider.IAM), AuthRule.guest().to(Operation.READ)))
            .enums(EnumType.of("Status", "OPEN", "DONE"))
            .customTypes(CustomType.named("Location").field("lat", Field.floatType().required())
                    .field("lng", Field.floatType().required()),
                    CustomType.named("Rating").field("postId", Field.id()).field("stars", Field.integer()))
            .operations(
                    CustomOperation.query("echo").argument("message", Field.string().required())
                            .returns(Field.string()).handler(ECHO)
                            .authorization(AuthRule.authenticated(), AuthRule.publicApiKey()),
                    CustomOperation.mutation("rate").argument("postId", Field.id().required())
                            .argument("stars", Field.integer().required()).returns(Field.customType("Rating"))
                            .handler(ECHO).authorization(AuthRule.groups("ADMINS")));

    /** A model whose only rules are the Lambda authorizer's and the API key's. */
    static final Schema AUTHORIZED = Schema.of(Model.named("Note").field("text", Field.string())
            .authorization(AuthRule.custom(), AuthRule.publicApiKey().to(Operation.READ)));

    /**
     * Rules through an OpenID Connect provider: records owned by the token's subject, records owned by the address in
     * its {@code email} claim and open to the groups in its {@code groups} claim, readable by a user pool user too; and
     * a query answering with the caller's identity as its function receives it.
     */
    static final Schema OIDC = Schema.of(
            Model.named("Diary").field("text", Field.string())
                    .authorization(AuthRule.owner().withProvider(AuthProvider.OIDC)),
            Model.named("Memo").field("text", Field.string()).field("author", Field.string())
                    .authorization(AuthRule.ownerDefinedIn("author").withProvider(AuthProvider.OIDC)
                                    .identityClaim("email"),
                            AuthRule.groups("EDITORS").withProvider(AuthProvider.OIDC).groupClaim("groups"),
                            AuthRule.authenticated().to(Operation.READ)))
            .operations(CustomOperation.query("whoAmI").returns(Field.string()).handler(IDENTITY)
                    .authorization(AuthRule.authenticated(AuthProvider.OIDC)));

    /**
     * Keys of several fields. A release's identifier has a composite sort key (Amplify's {@code slug#version}
     * attribute); a task has two indexes with a composite sort key and one with DynamoDB's multi-attribute keys.
     * Amplify's TypeScript definition of the same schema, less the multi-attribute index (ours alone), is the parity
     * harness's keys case ({@code src/test/parity/cases/keys}, {@code dev.gen2.parity.KeysCase}).
     */
    static final Schema KEYS = keys(SecondaryIndex.on("team", "region").sortKeys("priority", "dueOn")
            .multiAttributeKeys().queryField("listTasksByTeamAndRegion"));

    /** {@link #KEYS} less its multi-attribute index: the schema Amplify can define too (the parity keys case). */
    public static final Schema COMPOSITE_KEYS = keys();

    private static Schema keys(SecondaryIndex... more) {
        List<SecondaryIndex> indexes = new ArrayList<>(List.of(SecondaryIndex.on("status").sortKeys("priority",
                "createdAt"), SecondaryIndex.on("team").sortKeys("region", "title")));
        indexes.addAll(List.of(more));
        return Schema.of(
                Model.named("Release")
                        .field("tenant", Field.string().required())
                        .field("slug", Field.string().required())
                        .field("version", Field.integer().required())
                        .field("title", Field.string())
                        .identifier("tenant", "slug", "version")
                        .authorization(AuthRule.publicApiKey()),
                Model.named("Task")
                        .field("status", Field.string().required())
                        .field("priority", Field.integer().required())
                        .field("team", Field.string())
                        .field("region", Field.string())
                        .field("dueOn", Field.date())
                        .field("title", Field.string())
                        .secondaryIndexes(indexes.toArray(SecondaryIndex[]::new))
                        .authorization(AuthRule.publicApiKey()));
    }

    static final DataResource.Factory BLOG_DATA = DataResource.define(data -> data.schema(BLOG)
            .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.USER_POOLS)
                    .apiKey(AuthorizationModes.ApiKey.expiresInDays(30))));

    private DataSchemas() {
    }
}
