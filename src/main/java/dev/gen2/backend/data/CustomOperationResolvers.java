package dev.gen2.backend.data;

import dev.gen2.backend.FunctionProvider;
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
 * The resolvers of the custom queries and mutations: per handler function, a Lambda data source (with a role that
 * may invoke it) and an APPSYNC_JS function that checks the operation's rules and invokes it; per operation, a
 * pipeline resolver carrying the operation's configuration, created after the schema that declares its field.
 */
final class CustomOperationResolvers {
    private final Construct scope;
    private final DataApi api;
    private final CfnGraphQLSchema schema;
    private final Map<IFunction, CfnFunctionConfiguration> functions = new IdentityHashMap<>();

    CustomOperationResolvers(Construct scope, DataApi api, CfnGraphQLSchema schema) {
        this.scope = scope;
        this.api = api;
        this.schema = schema;
    }

    /** Adds the resolvers of every custom operation, each handled by the function {@code handlerOf} builds. */
    void addAll(List<CustomOperation> operations, Function<CustomOperation, FunctionProvider> handlerOf) {
        for (CustomOperation operation : operations) {
            CfnFunctionConfiguration function = functionFor(handlerOf.apply(operation).invocationTarget(),
                    operation.name());
            AppSyncJs.resolver(scope, api.apiId(), operation.kind().typeName(), operation.name(),
                    ResolverConfigs.customOperation(operation, api.identityPoolId()), function.getAttrFunctionId())
                    .addResourceDependency(schema);
        }
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
