package dev.gen2.backend.data;

import dev.gen2.backend.FunctionProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.services.appsync.CfnDataSource;
import software.amazon.awscdk.services.appsync.CfnFunctionConfiguration;
import software.amazon.awscdk.services.appsync.CfnGraphQLSchema;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The resolvers of the custom queries and mutations, each a pipeline resolver carrying the operation's
 * configuration, created after the schema that declares its field. An operation handled by a function: per handler
 * function, a Lambda data source (with a role that may invoke it) and an APPSYNC_JS function that checks the
 * operation's rules and invokes it. An operation handled by custom handlers: the shared function on the NONE data
 * source checks its rules, then the user's files run in order, each an APPSYNC_JS function over its data source (a
 * model's table, NONE, or an HTTP data source made once per name).
 */
final class CustomOperationResolvers {
    private final Construct scope;
    private final DataApi api;
    private final CfnGraphQLSchema schema;
    private final String noneDataSourceName;
    private final Function<String, String> modelDataSourceName;
    private final Map<IFunction, CfnFunctionConfiguration> functions = new IdentityHashMap<>();
    private final Map<String, CfnDataSource> httpDataSources = new HashMap<>();

    /**
     * @param noneDataSourceName the name of the API's NONE data source (which subscriptions use too)
     * @param modelDataSourceName the name of the data source over a model's table, by the model's name
     */
    CustomOperationResolvers(Construct scope, DataApi api, CfnGraphQLSchema schema, String noneDataSourceName,
            Function<String, String> modelDataSourceName) {
        this.scope = scope;
        this.api = api;
        this.schema = schema;
        this.noneDataSourceName = noneDataSourceName;
        this.modelDataSourceName = modelDataSourceName;
    }

    /** Adds the resolvers of every custom operation; {@code handlerOf} builds the function of one handled by one. */
    void addAll(List<CustomOperation> operations, Function<CustomOperation, FunctionProvider> handlerOf) {
        for (CustomOperation operation : operations) {
            List<String> pipeline = operation.customHandlers().isEmpty()
                    ? List.of(functionFor(handlerOf.apply(operation).invocationTarget(), operation.name())
                            .getAttrFunctionId())
                    : customPipeline(operation);
            AppSyncJs.resolver(scope, api.apiId(), operation.kind().typeName(), operation.name(),
                    ResolverConfigs.customOperation(operation, api.identityPoolId()), pipeline)
                    .addResourceDependency(schema);
        }
    }

    /**
     * The rules' check (the shared function on the NONE data source, which subscriptions use too: what it does is
     * the configuration's {@code authorize}), then one function per custom handler.
     */
    private List<String> customPipeline(CustomOperation operation) {
        List<String> pipeline = new ArrayList<>(List.of(api.subscriptionFunctionId()));
        String prefix = operation.kind().typeName() + Names.capitalize(operation.name());
        List<CustomHandler> steps = operation.customHandlers();
        for (int i = 0; i < steps.size(); i++) {
            CustomHandler step = steps.get(i);
            pipeline.add(AppSyncJs.function(scope, prefix + "Step" + (i + 1), api.apiId(),
                    step.entry().toAbsolutePath().normalize(),
                    "Fn_" + operation.kind().typeName() + "_" + operation.name() + "_" + (i + 1),
                    dataSourceName(step.dataSource())).getAttrFunctionId());
        }
        return pipeline;
    }

    private String dataSourceName(CustomDataSource source) {
        if (source instanceof CustomDataSource.ModelTable table) {
            return modelDataSourceName.apply(table.model());
        }
        if (source instanceof CustomDataSource.Http http) {
            return httpDataSources.computeIfAbsent(http.name(), name -> CfnDataSource.Builder.create(scope,
                    "HttpDataSource" + name)
                    .apiId(api.apiId())
                    .name(name)
                    .type("HTTP")
                    .httpConfig(CfnDataSource.HttpConfigProperty.builder().endpoint(http.endpoint()).build())
                    .build()).getAttrName();
        }
        return noneDataSourceName;
    }

    private CfnFunctionConfiguration functionFor(IFunction handler, String firstOperation) {
        return functions.computeIfAbsent(handler, lambda -> {
            String id = Names.capitalize(firstOperation) + "Handler";
            Role role = Role.Builder.create(scope, id + "Role")
                    .assumedBy(new ServicePrincipal("appsync.amazonaws.com")).build();
            lambda.grantInvoke(role);
            CfnDataSource dataSource = CfnDataSource.Builder.create(scope, id + "DataSource")
                    .apiId(api.apiId())
                    .name(id + "LambdaDataSource")
                    .type("AWS_LAMBDA")
                    .serviceRoleArn(role.getRoleArn())
                    .lambdaConfig(CfnDataSource.LambdaConfigProperty.builder()
                            .lambdaFunctionArn(lambda.getFunctionArn()).build())
                    .build();
            AppSyncJs.afterPolicies(dataSource, role);
            return AppSyncJs.function(scope, id + "Function", api.apiId(), api.resolverCodePath(), id,
                    dataSource.getAttrName());
        });
    }
}
