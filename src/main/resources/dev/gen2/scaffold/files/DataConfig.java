package {{package}}.data;

import dev.gen2.backend.data.AuthRule;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.Field;
import dev.gen2.backend.data.Model;
import dev.gen2.backend.data.Schema;

/** A to-do list each signed-in user owns: {@code defineData}. */
public final class DataConfig {
    public static final Schema SCHEMA = Schema.of(Model.named("Todo")
            .field("content", Field.string())
            .authorization(AuthRule.owner()));

    public static final DataResource.Factory DATA = DataResource.define(data -> data.schema(SCHEMA));

    private DataConfig() {
    }
}
