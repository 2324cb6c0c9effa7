package {{package}}.storage;

import static dev.gen2.backend.storage.StorageAction.DELETE;
import static dev.gen2.backend.storage.StorageAction.READ;
import static dev.gen2.backend.storage.StorageAction.WRITE;

import dev.gen2.backend.storage.StorageAccess;
import dev.gen2.backend.storage.StorageResource;

/** Public files and each user's own: {@code defineStorage}. */
public final class StorageConfig {
    public static final StorageResource.Factory FILES = StorageResource.define(storage -> storage
            .name("files")
            .access("public/*", StorageAccess.guest(READ), StorageAccess.authenticated(READ, WRITE, DELETE))
            .access("private/{entity_id}/*", StorageAccess.entity(READ, WRITE, DELETE)));

    private StorageConfig() {
    }
}
