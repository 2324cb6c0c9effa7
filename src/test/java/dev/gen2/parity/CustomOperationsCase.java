package dev.gen2.parity;

import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.data.AuthRule;
import dev.gen2.backend.data.CustomDataSource;
import dev.gen2.backend.data.CustomHandler;
import dev.gen2.backend.data.CustomOperation;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.Field;
import dev.gen2.backend.data.Model;
import dev.gen2.backend.data.Schema;
import java.util.List;

/**
 * Custom operations that return a model or a list of models, answered by custom APPSYNC_JS resolvers (the case's
 * own files, which Amplify's side reads too): over the model's table, a pipeline of NONE and the table, a mutation,
 * and NONE alone.
 */
final class CustomOperationsCase implements ParityCase {
    private static final String FILES = "src/test/parity/cases/custom-ops/amplify/data/";
    static final DataResource.Factory DATA = DataResource.define(data -> data.schema(Schema.of(
            Model.named("Post").field("title", Field.string().required()).hasMany("comments", "Comment", "postId")
                    .authorization(AuthRule.authenticated()),
            Model.named("Comment").field("text", Field.string()).field("postId", Field.id())
                    .belongsTo("post", "Post", "postId").authorization(AuthRule.authenticated()))
            .operations(
                    CustomOperation.query("postById").argument("id", Field.id().required())
                            .returns(Field.modelRef("Post"))
                            .handler(CustomHandler.entry(FILES + "post-by-id.js")
                                    .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated()),
                    CustomOperation.query("postsByIds").argument("ids", Field.id().required().array().required())
                            .returns(Field.modelRef("Post").array())
                            .handler(CustomHandler.entry(FILES + "check-ids.js"),
                                    CustomHandler.entry(FILES + "posts-by-ids.js")
                                            .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated(), AuthRule.groups("EDITORS")),
                    CustomOperation.mutation("retitlePost").argument("id", Field.id().required())
                            .argument("title", Field.string().required()).returns(Field.modelRef("Post"))
                            .handler(CustomHandler.entry(FILES + "retitle-post.js")
                                    .dataSource(CustomDataSource.model("Post")))
                            .authorization(AuthRule.authenticated()),
                    CustomOperation.query("ping").returns(Field.string())
                            .handler(CustomHandler.entry(FILES + "ping.js"))
                            .authorization(AuthRule.authenticated()))));

    @Override
    public String name() {
        return "custom-ops";
    }

    @Override
    public List<ResourceFactory<?>> resources() {
        return List.of(SharedAuth.AUTH, DATA);
    }

    @Override
    public List<KnownDifference> differences() {
        String reason = "not about custom operations: Amplify's codegen leaves out the provider of an"
                + " authenticated() rule on the user pool (the rule's default provider), ours names it (userPools);"
                + " the first case with authenticated() model rules shows it";
        return List.of(KnownDifference.of("introspection", "models\\.(Post|Comment)\\.attributes\\[1\\]"
                + "\\.properties\\.rules\\[0\\]\\.provider", reason),
                KnownDifference.of("outputs", "model_introspection\\.models\\.(Post|Comment)\\.attributes"
                        + "\\[1\\]"
                        + "\\.properties\\.rules\\[0\\]\\.provider", reason));
    }
}
