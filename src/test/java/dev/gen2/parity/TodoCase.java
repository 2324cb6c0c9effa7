package dev.gen2.parity;

import amplify.data.DataConfig;
import dev.gen2.backend.ResourceFactory;
import java.util.List;

/** The sample's to-do list ({@link DataConfig}): owner and group rules on one model, the user pool by default. */
final class TodoCase implements ParityCase {

    @Override
    public String name() {
        return "todo";
    }

    @Override
    public List<ResourceFactory<?>> resources() {
        return List.of(SharedAuth.AUTH, DataConfig.DATA);
    }

    @Override
    public List<KnownDifference> differences() {
        return List.of(KnownDifference.of("sdl", "CreateTodoInput\\.fields\\.done\\.type", "a required field"
                + " with a default may be left out of a create (docs/data.md: the default is stored), so our"
                + " Create<Model>Input does not require it; Amplify's create input requires it."));
    }
}
