package amplify.data;

import dev.gen2.backend.data.AuthRule;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.Field;
import dev.gen2.backend.data.Model;
import dev.gen2.backend.data.Operation;
import dev.gen2.backend.data.Schema;

/**
 * The sample backend's data: a to-do list where each user sees and changes only their own items, and the group
 * {@code ADMINS} may read everyone's. The API's default mode is the user pool, as Amplify's is with auth.
 */
public final class DataConfig {
    public static final Schema SCHEMA = Schema.of(
            Model.named("Todo")
                    .field("content", Field.string())
                    .field("done", Field.bool().required().defaultValue(false))
                    .authorization(AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ)));

    public static final DataResource.Factory DATA = DataResource.define(data -> data.schema(SCHEMA));

    private DataConfig() {
    }
}
