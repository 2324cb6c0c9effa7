package dev.gen2.parity;

import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.data.AuthProvider;
import dev.gen2.backend.data.AuthorizationModes;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.DataSchemas;
import java.util.List;

/**
 * Keys of several fields, as the local backend's keys fixture has them ({@code DataSchemas.KEYS}) less its
 * multi-attribute index, which Amplify lacks: a composite identifier and two indexes with a composite sort key.
 */
final class KeysCase implements ParityCase {
    static final DataResource.Factory DATA = DataResource.define(data -> data.schema(DataSchemas.COMPOSITE_KEYS)
            .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.API_KEY)));

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public List<ResourceFactory<?>> resources() {
        return List.of(SharedAuth.AUTH, DATA);
    }

    @Override
    public List<KnownDifference> differences() {
        String reason = "Amplify's index sorts only on declared fields, so its Task declares createdAt, which makes"
                + " it writable and required; ours sorts on the implicit createdAt, set by every create and read-only"
                + " (docs/data.md, Keys of several fields).";
        return List.of(KnownDifference.of("sdl", "(Create|Update)TaskInput\\.fields\\.createdAt\\..*", reason),
                KnownDifference.of("introspection", "models\\.Task\\.fields\\.createdAt\\..*", reason),
                KnownDifference.of("outputs", "model_introspection\\.models\\.Task\\.fields\\.createdAt\\..*",
                        reason));
    }
}
