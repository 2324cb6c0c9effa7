package dev.gen2.parity;

import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.DataSchemas;
import java.util.List;

/**
 * Custom operations that return a model or a list of models, answered by custom APPSYNC_JS resolvers (the case's
 * own files, which Amplify's side reads too): over the model's table, a pipeline of NONE and the table, a mutation,
 * and NONE alone.
 */
final class CustomOperationsCase implements ParityCase {
    static final DataResource.Factory DATA = DataResource.define(data -> data.schema(DataSchemas.CUSTOM));

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
