package dev.gen2.backend.storage;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.ResourceFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Who may act on a storage path, and how: Amplify's {@code allow.guest}, {@code allow.authenticated},
 * {@code allow.groups([...])}, {@code allow.entity('identity')} and {@code allow.resource(fn)}, each followed by
 * its actions.
 *
 * <pre>{@code
 * .access("media/{entity_id}/*", StorageAccess.entity(READ, WRITE, DELETE), StorageAccess.guest(READ))
 * }</pre>
 */
public sealed interface StorageAccess {

    List<StorageAction> actions();

    /** Signed-out users, through the identity pool's unauthenticated role. */
    record Guest(List<StorageAction> actions) implements StorageAccess {
    }

    /** Signed-in users, through the authenticated role. */
    record Authenticated(List<StorageAction> actions) implements StorageAccess {
    }

    /** Members of user pool groups, through each group's role. */
    record Groups(List<String> groups, List<StorageAction> actions) implements StorageAccess {
    }

    /** Each signed-in user on their own {@code {entity_id}} path part (their identity id). */
    record Entity(List<StorageAction> actions) implements StorageAccess {
    }

    /** A function of the backend, which also gets the bucket's name in {@code <NAME>_BUCKET_NAME}. */
    record Resource(ResourceFactory<? extends FunctionProvider> function, List<StorageAction> actions)
            implements StorageAccess {
    }

    static Guest guest(StorageAction... actions) {
        return new Guest(Arrays.asList(actions));
    }

    static Authenticated authenticated(StorageAction... actions) {
        return new Authenticated(Arrays.asList(actions));
    }

    static Groups groups(List<String> groups, StorageAction... actions) {
        return new Groups(List.copyOf(groups), Arrays.asList(actions));
    }

    static Entity entity(StorageAction... actions) {
        return new Entity(Arrays.asList(actions));
    }

    static Resource resource(ResourceFactory<? extends FunctionProvider> function, StorageAction... actions) {
        return new Resource(function, Arrays.asList(actions));
    }
}
