package amplify.storage;

import static dev.gen2.backend.storage.StorageAction.DELETE;
import static dev.gen2.backend.storage.StorageAction.READ;
import static dev.gen2.backend.storage.StorageAction.WRITE;

import amplify.functions.FunctionConfig;
import dev.gen2.backend.storage.StorageAccess;
import dev.gen2.backend.storage.StorageResource;
import java.util.List;

/**
 * The sample backend's media bucket: public files, each user's private files, the admins' area, and the reports
 * the report function reads.
 */
public final class StorageConfig {
    public static final StorageResource.Factory MEDIA = StorageResource.define(storage -> storage
            .name("media")
            .access("public/*", StorageAccess.guest(READ), StorageAccess.authenticated(READ, WRITE, DELETE))
            .access("private/{entity_id}/*", StorageAccess.entity(READ, WRITE, DELETE))
            .access("admin/*", StorageAccess.groups(List.of("ADMINS"), READ, WRITE, DELETE))
            .access("reports/*", StorageAccess.resource(FunctionConfig.REPORT, READ),
                    StorageAccess.groups(List.of("ADMINS"), READ)));

    private StorageConfig() {
    }
}
