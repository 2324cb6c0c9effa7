package dev.gen2.backend.storage;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code StorageResource.define} takes: Amplify's {@code defineStorage} options.
 *
 * @param name the bucket's name in the backend (the resource-name rule applies)
 * @param isDefault whether this is the bucket {@code storage.bucket_name} names; required on one bucket when there
 *     are several
 * @param versioned S3 versioning; empty means off in a sandbox and on elsewhere (our safer default)
 * @param keepOnDelete keep the bucket and its objects when the stack is deleted; empty means no in a sandbox (where
 *     it cannot be set) and yes elsewhere (our safer default)
 * @param onUpload a function run for each object created
 * @param onDelete a function run for each object removed
 * @param access the access rules of each path, in the order given
 */
public record StorageSettings(String name, boolean isDefault, Optional<Boolean> versioned,
        Optional<Boolean> keepOnDelete, Optional<ResourceFactory<? extends FunctionProvider>> onUpload,
        Optional<ResourceFactory<? extends FunctionProvider>> onDelete, Map<String, List<StorageAccess>> access) {

    public StorageSettings {
        access = Collections.unmodifiableMap(new LinkedHashMap<>(access));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link StorageSettings}. */
    public static final class Builder {
        private String name;
        private boolean isDefault;
        private Boolean versioned;
        private Boolean keepOnDelete;
        private ResourceFactory<? extends FunctionProvider> onUpload;
        private ResourceFactory<? extends FunctionProvider> onDelete;
        private final Map<String, List<StorageAccess>> access = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder name(String bucketName) {
            this.name = bucketName;
            return this;
        }

        public Builder isDefault(boolean defaultBucket) {
            this.isDefault = defaultBucket;
            return this;
        }

        public Builder versioned(boolean enabled) {
            this.versioned = enabled;
            return this;
        }

        public Builder keepOnDelete(boolean keep) {
            this.keepOnDelete = keep;
            return this;
        }

        public Builder onUpload(ResourceFactory<? extends FunctionProvider> function) {
            this.onUpload = function;
            return this;
        }

        public Builder onDelete(ResourceFactory<? extends FunctionProvider> function) {
            this.onDelete = function;
            return this;
        }

        /** The rules of one path, such as {@code "media/{entity_id}/*"}. */
        public Builder access(String path, StorageAccess... rules) {
            String where = "storage" + (name == null ? "" : " '" + name + "'") + ".access";
            Required.argument(path, where, "The path", "give a path such as \"media/*\".");
            access.put(path, Required.each(where + "['" + path + "']", "An access rule",
                    "give rules such as StorageAccess.authenticated(StorageAction.READ).", rules));
            return this;
        }

        public StorageSettings build() {
            return new StorageSettings(name, isDefault, Optional.ofNullable(versioned),
                    Optional.ofNullable(keepOnDelete), Optional.ofNullable(onUpload), Optional.ofNullable(onDelete),
                    access);
        }
    }
}
