package dev.gen2.localaws.app;

import dev.gen2.backend.Backend;
import dev.gen2.backend.auth.AuthAction;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.TriggerEvent;
import dev.gen2.backend.data.AuthProvider;
import dev.gen2.backend.data.AuthRule;
import dev.gen2.backend.data.AuthorizationModes;
import dev.gen2.backend.data.CustomDataSource;
import dev.gen2.backend.data.CustomHandler;
import dev.gen2.backend.data.CustomOperation;
import dev.gen2.backend.data.CustomType;
import dev.gen2.backend.data.DataAccess;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.Field;
import dev.gen2.backend.data.Model;
import dev.gen2.backend.data.Operation;
import dev.gen2.backend.data.Schema;
import dev.gen2.backend.function.FunctionResource;
import localapp.RateHandler;
import software.amazon.awscdk.App;

/**
 * The second backend of the local app story: posts and comments (a relationship both ways), read with the API key
 * and by guests, a custom query answered by a Node.js function and a custom mutation answered by a Java function,
 * a pre sign-up trigger that refuses one e-mail domain, a custom sign-in by a question (Cognito's three
 * challenge triggers, one function), and a query and a mutation returning a post, answered by custom APPSYNC_JS
 * resolvers over the post's table. The Node.js function is also granted what the story proves
 * both ways: the API's queries (not its mutations) and listing the pool's users (nothing else of the pool).
 */
public final class AppBackend {
    static final FunctionResource.Factory REFUSE_DOMAIN = FunctionResource.define(fn -> fn.name("refuseDomain")
            .entry("src/test/resources/functions/refuse-domain")
            .resourceGroupName("auth"));
    static final FunctionResource.Factory CUSTOM_CHALLENGE = FunctionResource.define(fn -> fn.name("customChallenge")
            .entry("src/test/resources/functions/custom-challenge")
            .resourceGroupName("auth"));
    static final FunctionResource.Factory ECHO = FunctionResource.define(fn -> fn.name("echo")
            .entry("src/test/resources/functions/echo"));
    static final FunctionResource.Factory RATE = FunctionResource.define(fn -> fn.name("rate")
            .javaHandler(RateHandler.class));

    /** The custom resolvers' files, from the project directory (the parity case's, which Amplify reads too). */
    public static final String RESOLVERS = "src/test/parity/cases/custom-ops/amplify/data/";

    static final Schema SCHEMA = Schema.of(
            Model.named("Post")
                    .field("title", Field.string().required())
                    .hasMany("comments", "Comment", "postId")
                    .authorization(AuthRule.publicApiKey().to(Operation.READ), AuthRule.guest().to(Operation.READ),
                            AuthRule.owner()),
            Model.named("Comment")
                    .field("postId", Field.id())
                    .field("body", Field.string().required())
                    .belongsTo("post", "Post", "postId")
                    .authorization(AuthRule.publicApiKey().to(Operation.READ), AuthRule.owner()))
            .customTypes(CustomType.named("Rating").field("postId", Field.id()).field("stars", Field.integer()))
            .operations(
                    CustomOperation.query("echo").argument("message", Field.string().required())
                            .returns(Field.string()).handler(ECHO)
                            .authorization(AuthRule.authenticated(), AuthRule.publicApiKey()),
                    CustomOperation.mutation("rate").argument("postId", Field.id().required())
                            .argument("stars", Field.integer().required()).returns(Field.customType("Rating"))
                            .handler(RATE).authorization(AuthRule.authenticated()),
                    CustomOperation.query("postById").argument("id", Field.id().required())
                            .returns(Field.modelRef("Post"))
                            .handler(CustomHandler.entry(RESOLVERS + "post-by-id.js")
                                    .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated()),
                    CustomOperation.mutation("retitlePost").argument("id", Field.id().required())
                            .argument("title", Field.string().required()).returns(Field.modelRef("Post"))
                            .handler(CustomHandler.entry(RESOLVERS + "retitle-post.js")
                                    .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated()));

    private AppBackend() {
    }

    public static Backend define(App app) {
        return Backend.define(app,
                AuthResource.define(auth -> auth.loginWithEmail().trigger(TriggerEvent.PRE_SIGN_UP, REFUSE_DOMAIN)
                        .trigger(TriggerEvent.DEFINE_AUTH_CHALLENGE, CUSTOM_CHALLENGE)
                        .trigger(TriggerEvent.CREATE_AUTH_CHALLENGE, CUSTOM_CHALLENGE)
                        .trigger(TriggerEvent.VERIFY_AUTH_CHALLENGE_RESPONSE, CUSTOM_CHALLENGE)
                        .access(ECHO, AuthAction.LIST_USERS)),
                DataResource.define(data -> data.schema(SCHEMA).authorizationModes(AuthorizationModes.defaults()
                        .defaultMode(AuthProvider.USER_POOLS).apiKey(AuthorizationModes.ApiKey.expiresInDays(30)))
                        .access(ECHO, DataAccess.QUERY)),
                REFUSE_DOMAIN, CUSTOM_CHALLENGE, ECHO, RATE);
    }

    public static void main(String[] args) {
        App app = new App();
        define(app);
        app.synth();
    }
}
