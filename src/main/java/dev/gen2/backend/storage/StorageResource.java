package dev.gen2.backend.storage;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendContext;
import dev.gen2.backend.BackendOutputStorage;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.ResourceNames;
import dev.gen2.backend.SecurityCheckSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * An S3 bucket of the backend, Amplify's {@code defineStorage}: path-based access for guests, signed-in users,
 * groups, each user's own files and functions; upload and delete triggers; Amplify's CORS rule for web clients;
 * public access blocked and TLS enforced. All buckets share the {@code storage} nested stack.
 *
 * <pre>{@code
 * StorageResource.Factory MEDIA = StorageResource.define(storage -> storage.name("media")
 *         .access("public/*", StorageAccess.guest(READ), StorageAccess.authenticated(READ, WRITE, DELETE))
 *         .access("private/{entity_id}/*", StorageAccess.entity(READ, WRITE, DELETE)));
 * }</pre>
 */
public final class StorageResource extends Construct {
    public static final String RESOURCE_GROUP = "storage";
    private static final String STACK_TYPE = "storage-S3";

    private final Bucket bucket;

    private StorageResource(Construct scope, StorageSettings settings, DeploymentType deploymentType) {
        super(scope, settings.name());
        boolean sandbox = deploymentType == DeploymentType.SANDBOX;
        boolean keep = !sandbox && settings.keepOnDelete().orElse(true);
        if (sandbox && settings.keepOnDelete().orElse(false)) {
            Annotations.of(this).addWarningV2("gen2-backend:storage-keep-on-delete", "keepOnDelete is ignored in"
                    + " a sandbox: its buckets are deleted with it, objects included.");
        }
        this.bucket = Bucket.Builder.create(this, "Bucket")
                .versioned(settings.versioned().orElse(!sandbox))
                .cors(List.of(CorsRule.builder()
                        .maxAge(3000)
                        .exposedHeaders(List.of("x-amz-server-side-encryption", "x-amz-request-id", "x-amz-id-2",
                                "ETag"))
                        .allowedHeaders(List.of("*"))
                        .allowedOrigins(List.of("*"))
                        .allowedMethods(List.of(HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT, HttpMethods.POST,
                                HttpMethods.DELETE))
                        .build()))
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .autoDeleteObjects(!keep)
                .removalPolicy(keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        SecurityCheckSuppressions.suppress((CfnResource) bucket.getNode().getDefaultChild(), "S1", "Server access"
                + " logs need a second bucket to receive them, which Amplify's storage does not create; CloudTrail"
                + " data events audit object access without one.");
        Tags.of(this).add("amplify:friendly-name", settings.name());
    }

    /** Defines a bucket with the options set in the given lambda, checked at once. */
    public static Factory define(UnaryOperator<StorageSettings.Builder> definition) {
        StorageSettings settings = Required.argument(definition, "storage", "The definition", "pass a lambda such as"
                + " storage -> storage.name(\"media\").access(..).").apply(StorageSettings.builder()).build();
        StorageValidator.validate(settings);
        return new Factory(settings);
    }

    public Bucket bucket() {
        return bucket;
    }

    /** The L1 bucket, for properties the options do not reach. */
    public CfnBucket cfnBucket() {
        return (CfnBucket) bucket.getNode().getDefaultChild();
    }

    private void addTrigger(EventType event, FunctionProvider function) {
        bucket.addEventNotification(event, new LambdaDestination(function.invocationTarget()));
    }

    /** Builds a bucket once, in the {@code storage} nested stack. */
    public static final class Factory implements ResourceFactory<StorageResource> {
        private final StorageSettings settings;

        private Factory(StorageSettings settings) {
            this.settings = settings;
        }

        public StorageSettings settings() {
            return settings;
        }

        @Override
        public StorageResource build(BackendContext backend) {
            boolean isDefault = isDefault(backend);
            Stack stack = backend.stackFor(RESOURCE_GROUP, STACK_TYPE);
            StorageResource storage = new StorageResource(stack, settings, backend.backendId().type());
            settings.onUpload().ifPresent(fn -> storage.addTrigger(EventType.OBJECT_CREATED, backend.get(fn)));
            settings.onDelete().ifPresent(fn -> storage.addTrigger(EventType.OBJECT_REMOVED, backend.get(fn)));
            Map<String, Map<String, List<String>>> paths = Map.of();
            if (!settings.access().isEmpty()) {
                String variable = ResourceNames.screamingSnakeCase(settings.name()) + "_BUCKET_NAME";
                String path = backend.backendId().resourceReferencePath(variable);
                StringParameter.Builder.create(stack, variable + "Parameter").parameterName(path)
                        .stringValue(storage.bucket().getBucketName()).build();
                paths = new StorageAccessPolicies(backend, storage.bucket(), settings.name(), Map.of(variable, path))
                        .grant(settings.access());
            }
            recordOutputs(backend, storage, isDefault, paths);
            return storage;
        }

        @Override
        public Optional<String> name() {
            return Optional.of(settings.name());
        }

        @Override
        public String describe() {
            return "storage '" + settings.name() + "'";
        }

        private void recordOutputs(BackendContext backend, StorageResource storage, boolean isDefault,
                Map<String, Map<String, List<String>>> paths) {
            Stack root = backend.rootStack();
            if (isDefault) {
                Map<String, String> defaults = new LinkedHashMap<>();
                defaults.put("bucketName", storage.bucket().getBucketName());
                defaults.put("storageRegion", root.getRegion());
                backend.outputs().addEntry(BackendOutputStorage.STORAGE_KEY, "1", defaults);
            }
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("name", settings.name());
            bucket.put("bucketName", storage.bucket().getBucketName());
            bucket.put("storageRegion", root.getRegion());
            bucket.put("paths", paths);
            backend.outputs().appendToList(BackendOutputStorage.STORAGE_KEY, "1", "buckets",
                    root.toJsonString(bucket));
        }

        /** Whether this is the default bucket: the one marked, or the only one; with several, exactly one is marked. */
        private boolean isDefault(BackendContext backend) {
            List<StorageSettings> all = backend.factories().stream().filter(Factory.class::isInstance)
                    .map(factory -> ((Factory) factory).settings()).toList();
            List<String> marked = all.stream().filter(StorageSettings::isDefault).map(StorageSettings::name).toList();
            if (marked.size() > 1) {
                throw new BackendConfigException("storage", "More than one default storage set in the Amplify"
                        + " project: " + String.join(", ", marked) + ".",
                        "keep isDefault(true) on one of " + String.join(", ", marked) + " only.");
            }
            if (all.size() > 1 && marked.isEmpty()) {
                String names = all.stream().map(StorageSettings::name).collect(Collectors.joining(", "));
                throw new BackendConfigException("storage", "No default storage set in the Amplify project: none of "
                        + names + " is marked.", "mark one of " + names + " isDefault(true).");
            }
            return settings.isDefault() || all.size() <= 1;
        }
    }

}
