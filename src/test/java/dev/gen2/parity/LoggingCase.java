package dev.gen2.parity;

import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.data.AuthRule;
import dev.gen2.backend.data.DataLogging;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.Field;
import dev.gen2.backend.data.Model;
import dev.gen2.backend.data.Schema;
import java.util.List;

/** The API's logging options, every one set away from its default. */
final class LoggingCase implements ParityCase {
    static final DataResource.Factory DATA = DataResource.define(data -> data.schema(Schema.of(
            Model.named("Note").field("text", Field.string()).authorization(AuthRule.owner())))
            .logging(DataLogging.defaults().fieldLogLevel(DataLogging.FieldLogLevel.ERROR)
                    .excludeVerboseContent(false).retentionDays(30)));

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public List<ResourceFactory<?>> resources() {
        return List.of(SharedAuth.AUTH, DATA);
    }
}
