package dev.gen2.backend.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.BackendAuth;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendContext;
import dev.gen2.backend.BackendOutputStorage;
import dev.gen2.backend.BundledAsset;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.ResourceNames;
import dev.gen2.backend.data.ResolverPlan.PlannedResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.appsync.CfnApiKey;
import software.amazon.awscdk.services.appsync.CfnDataSource;
import software.amazon.awscdk.services.appsync.CfnFunctionConfiguration;
import software.amazon.awscdk.services.appsync.CfnGraphQLApi;
import software.amazon.awscdk.services.appsync.CfnGraphQLSchema;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The backend's GraphQL API, Amplify's {@code defineData}: an AppSync API whose schema follows Amplify's
 * conventions, one DynamoDB table per model, APPSYNC_JS resolvers that enforce the authorization rules, and the
 * model introspection document the Amplify client builds its queries from.
 *
 * <pre>{@code
 * DataResource.Factory DATA = DataResource.define(data -> data.schema(Schema.of(
 *         Model.named("Todo")
 *                 .field("content", Field.string())
 *                 .authorization(AuthRule.owner(), AuthRule.groups("ADMINS").to(Operation.READ)))));
 * }</pre>
 *
 * <p>The models' resources are spread over at most {@value #SHARDS} nested shard stacks by a stable hash of each
 * model's name: a schema of hundreds of models stays inside CloudFormation's limits (500 resources and 1 MB per
 * template), adding a model changes no other model's logical ids, and the deploy has few nested stacks to create.
 * A shard that would still outgrow the resource limit is an error at synth.
 */
public final class DataResource extends Construct {
    public static final String RESOURCE_GROUP = "data";
    static final int SHARDS = 64;
    static final int MAX_RESOURCES_PER_STACK = 500;
    private static final String STACK_TYPE = "api-AppSync";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiAuthorization authorization;
    private final String sdl;
    private final Map<String, Object> modelIntrospection;
    private final CfnGraphQLApi api;
    private final Optional<CfnApiKey> apiKey;
    private final Asset introspectionAsset;
    private final Map<String, ModelResources> models = new LinkedHashMap<>();

    private DataResource(Construct scope, DataSettings settings, ApiAuthorization authorization,
            Optional<BackendAuth> auth, Optional<FunctionProvider> authorizer, BackendContext backend) {
        super(scope, settings.name());
        this.authorization = authorization;
        Map<String, ModelShape> shapes = ModelShape.of(settings.schema());
        this.sdl = SdlWriter.write(settings.schema(), shapes);
        this.modelIntrospection = ModelIntrospection.build(settings.schema(), shapes);
        this.api = new ApiBuilder(this, settings.name(), authorization, auth, authorizer).build();
        ApiLogging.configure(this, api, settings.logging(), backend.backendId().type() == DeploymentType.SANDBOX);
        CfnGraphQLSchema schema = CfnGraphQLSchema.Builder.create(this, "GraphQLSchema").apiId(api.getAttrApiId())
                .definitionS3Location(asset("SchemaAsset", "schema.graphql", sdl).getS3ObjectUrl()).build();
        this.apiKey = authorization.apiKey().map(key -> CfnApiKey.Builder.create(this, "DefaultApiKey")
                .apiId(api.getAttrApiId())
                .description(key.description().orElse(null))
                .expires(expiry(key.expiresInDays()))
                .build());
        this.introspectionAsset = asset("ModelIntrospectionAsset", "modelIntrospectionSchema.json",
                json(modelIntrospection));
        IdentityPoolGrants grants = IdentityPoolGrants.of(settings.schema(), shapes.values());
        auth.ifPresent(roles -> IdentityPoolApiAccess.attach(this, api.getAttrArn(), grants, roles));
        Path resolverCode = BundledAsset.directory(DataResource.class, List.of("model-resolver.js"))
                .resolve("model-resolver.js");
        CfnDataSource none = CfnDataSource.Builder.create(this, "NoneDataSource").apiId(api.getAttrApiId())
                .name("NONE_DS").type("NONE").build();
        DataApi dataApi = new DataApi(api.getAttrApiId(), auth.map(BackendAuth::identityPoolId),
                subscriptionFunction(resolverCode, none).getAttrFunctionId(), resolverCode,
                backend.backendId().type() == DeploymentType.SANDBOX, environmentName(backend));
        placeModels(shapes, dataApi, schema);
        CustomResolverCode.check(settings.schema());
        new CustomOperationResolvers(this, dataApi, schema, none.getAttrName(),
                model -> models.get(model).dataSourceName())
                .addAll(settings.schema().operations(), operation -> backend.get(operation.handler().orElseThrow()));
        if (shapes.values().stream().anyMatch(shape -> shape.rules().isEmpty())) {
            Annotations.of(this).addWarningV2("gen2-backend:data-no-rules", "A model without authorization rules"
                    + " is reachable only by IAM principals granted access to the API.");
        }
    }

    /**
     * Builds each model's resources in its shard stack. A shard is made with its first model and created after the
     * schema, whose fields its resolvers attach to.
     */
    private void placeModels(Map<String, ModelShape> shapes, DataApi dataApi, CfnGraphQLSchema schema) {
        Map<String, List<PlannedResolver>> resolvers = ResolverPlan.of(shapes, dataApi.identityPoolId());
        requireShardsWithinLimit(resolvers);
        Map<Integer, NestedStack> shards = new LinkedHashMap<>();
        for (ModelShape shape : shapes.values()) {
            NestedStack shard = shards.computeIfAbsent(shardOf(shape.name()), index -> {
                NestedStack stack = new NestedStack(this, String.format("ModelShard%02d", index));
                stack.getNestedStackResource().addResourceDependency(schema);
                return stack;
            });
            models.put(shape.name(), new ModelResources(shard, shape, dataApi, resolvers.get(shape.name())));
        }
    }

    /** Defines the API with the options set in the given lambda; the schema is checked at once. */
    public static Factory define(UnaryOperator<DataSettings.Builder> definition) {
        DataSettings settings = Required.argument(definition, "data", "The definition", "pass a lambda such as"
                + " data -> data.schema(Schema.of(..)).").apply(DataSettings.builder()).build();
        ResourceNames.validate("data.name", settings.name());
        SchemaValidator.validate(settings.schema());
        return new Factory(settings);
    }

    /** Each shard stack holds at most CloudFormation's 500 resources; a schema that would break this fails here. */
    private static void requireShardsWithinLimit(Map<String, List<PlannedResolver>> resolvers) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        Map<Integer, List<String>> names = new LinkedHashMap<>();
        resolvers.forEach((model, planned) -> {
            counts.merge(shardOf(model), ModelResources.resourceCount(planned), Integer::sum);
            names.computeIfAbsent(shardOf(model), shard -> new ArrayList<>()).add(model);
        });
        counts.forEach((shard, count) -> {
            if (count > MAX_RESOURCES_PER_STACK) {
                throw new BackendConfigException("data.schema", "The models " + names.get(shard) + " share a stack"
                        + " that would hold " + count + " resources; CloudFormation allows "
                        + MAX_RESOURCES_PER_STACK + ".", "give these models fewer relationships or indexes, or"
                        + " rename one of them so that it hashes to another shard.");
            }
        });
    }

    /** The shard a model's resources go to: a stable hash of its name, so adding models moves none. */
    static int shardOf(String modelName) {
        return Math.floorMod(modelName.hashCode(), SHARDS);
    }

    /** The L1 API, for properties the options do not reach. */
    public CfnGraphQLApi cfnGraphqlApi() {
        return api;
    }

    public Optional<CfnApiKey> cfnApiKey() {
        return apiKey;
    }

    /** The table of each model, by model name. */
    public Map<String, Table> tables() {
        Map<String, Table> tables = new LinkedHashMap<>();
        models.forEach((name, model) -> tables.put(name, model.table()));
        return Collections.unmodifiableMap(tables);
    }

    /** The AppSync schema the API is deployed with. */
    public String graphqlSchema() {
        return sdl;
    }

    /** The model introspection document, as {@code amplify_outputs.json} carries it. */
    public Map<String, Object> modelIntrospection() {
        return modelIntrospection;
    }

    /** The model introspection document's asset, uploaded with the deploy. */
    Asset modelIntrospectionAsset() {
        return introspectionAsset;
    }

    /** The S3 location of the model introspection document once deployed: {@code s3://bucket/key}. */
    public String modelIntrospectionS3Uri() {
        return introspectionAsset.getS3ObjectUrl();
    }

    private Asset asset(String id, String fileName, String contents) {
        Path directory = BundledAsset.directory(Map.of(fileName, contents.getBytes(StandardCharsets.UTF_8)));
        return Asset.Builder.create(this, id).path(directory.resolve(fileName).toString()).build();
    }

    /**
     * An API key's expiry: the given number of days after the start of the current UTC day, in epoch seconds.
     * Rounding to the day keeps synthesis deterministic within a day; each day's first deploy renews the key.
     */
    private static Number expiry(int days) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(days, ChronoUnit.DAYS).getEpochSecond();
    }

    private static String environmentName(BackendContext backend) {
        return backend.backendId().type() == DeploymentType.SANDBOX ? "NONE" : backend.backendId().name();
    }

    private CfnFunctionConfiguration subscriptionFunction(Path resolverCode, CfnDataSource none) {
        return AppSyncJs.function(this, "SubscriptionFunction", api.getAttrApiId(), resolverCode,
                "SubscriptionAuthorization", none.getAttrName());
    }

    private static String json(Object document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The model introspection is plain data", e);
        }
    }

    private void recordOutputs(BackendContext backend) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("awsAppsyncApiId", api.getAttrApiId());
        outputs.put("awsAppsyncApiEndpoint", api.getAttrGraphQlUrl());
        outputs.put("awsAppsyncAuthenticationType", authorization.defaultMode().appSyncMode());
        outputs.put("awsAppsyncRegion", backend.rootStack().getRegion());
        outputs.put("amplifyApiModelSchemaS3Uri", modelIntrospectionS3Uri());
        List<String> additional = new ArrayList<>();
        authorization.additional().forEach(mode -> additional.add(mode.appSyncMode()));
        outputs.put("awsAppsyncAdditionalAuthenticationTypes", String.join(",", additional));
        apiKey.ifPresent(key -> outputs.put("awsAppsyncApiKey", key.getAttrApiKey()));
        backend.outputs().addEntry(BackendOutputStorage.GRAPHQL_KEY, "1", outputs);
    }

    /** Builds the API once, in the {@code data} nested stack. */
    public static final class Factory implements ResourceFactory<DataResource> {
        private final DataSettings settings;

        private Factory(DataSettings settings) {
            this.settings = settings;
        }

        public DataSettings settings() {
            return settings;
        }

        @Override
        public DataResource build(BackendContext backend) {
            Optional<BackendAuth> auth = backend.auth();
            ApiAuthorization authorization = ApiAuthorization.resolve(settings.authorizationModes(), auth.isPresent());
            authorization.requireModesFor(settings.schema(), auth.isPresent());
            Optional<FunctionProvider> authorizer = settings.authorizationModes().lambda()
                    .map(lambda -> backend.get(lambda.function()));
            Stack stack = backend.stackFor(RESOURCE_GROUP, STACK_TYPE);
            DataResource data = new DataResource(stack, settings, authorization, auth, authorizer, backend);
            authorizer.ifPresent(function -> CfnPermission.Builder.create(data, "AuthorizerInvokePermission")
                    .action("lambda:InvokeFunction")
                    .functionName(function.invocationTarget().getFunctionArn())
                    .principal(new ServicePrincipal("appsync.amazonaws.com").getService())
                    .sourceArn(data.cfnGraphqlApi().getAttrArn())
                    .build());
            DataAccessGrants.grant(backend, data, settings.name(), settings.functionAccess());
            data.recordOutputs(backend);
            return data;
        }

        @Override
        public Optional<String> singletonKind() {
            return Optional.of("data");
        }
    }
}
