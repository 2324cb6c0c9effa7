package dev.gen2.backend.storage;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
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
        return new Guest(required(actions));
    }

    static Authenticated authenticated(StorageAction... actions) {
        return new Authenticated(required(actions));
    }

    static Groups groups(List<String> groups, StorageAction... actions) {
        Required.argument(groups, "storage.access", "The group list", "name them: groups(List.of(\"ADMINS\"), ..).");
        return new Groups(Required.each("storage.access", "A group name", "name the groups: groups(List.of(\"ADMINS\"),"
                + " ..).", groups.toArray(String[]::new)), required(actions));
    }

    static Entity entity(StorageAction... actions) {
        return new Entity(required(actions));
    }

    static Resource resource(ResourceFactory<? extends FunctionProvider> function, StorageAction... actions) {
        return new Resource(Required.argument(function, "storage.access", "The function",
                "pass the function's factory, such as FunctionConfig.REPORT."), required(actions));
    }

    private static List<StorageAction> required(StorageAction... actions) {
        return Required.each("storage.access", "An action", "give StorageAction values, such as READ.", actions);
    }
}
