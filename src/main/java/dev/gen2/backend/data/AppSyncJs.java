package dev.gen2.backend.data;

import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.appsync.CfnDataSource;
import software.amazon.awscdk.services.appsync.CfnFunctionConfiguration;
import software.amazon.awscdk.services.appsync.CfnResolver;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/** The two APPSYNC_JS pieces every resolver is made of: a function over a data source, and a pipeline resolver. */
final class AppSyncJs {
    static final String RUNTIME = "APPSYNC_JS";
    static final String RUNTIME_VERSION = "1.0.0";

    private AppSyncJs() {
    }

    /** A function running {@code code} (an asset: the shared {@code model-resolver.js} or a user's file) over a data source. */
    static CfnFunctionConfiguration function(Construct scope, String id, String apiId, Path code, String name,
            String dataSourceName) {
        Asset asset = Asset.Builder.create(scope, id + "Code").path(code.toString()).build();
        return CfnFunctionConfiguration.Builder.create(scope, id)
                .apiId(apiId)
                .name(name)
                .dataSourceName(dataSourceName)
                .runtime(CfnFunctionConfiguration.AppSyncRuntimeProperty.builder().name(RUNTIME)
                        .runtimeVersion(RUNTIME_VERSION).build())
                .codeS3Location(asset.getS3ObjectUrl())
                .build();
    }

    /** Makes a data source wait for its role's policy: AppSync checks the role's access when the source is made. */
    static void afterPolicies(CfnDataSource dataSource, Role role) {
        dataSource.addResourceDependency((CfnResource) role.getNode().findChild("DefaultPolicy").getNode()
                .getDefaultChild());
    }

    /** A pipeline resolver of one field whose own code (its configuration) runs before the one function. */
    static CfnResolver resolver(Construct scope, String apiId, String typeName, String fieldName, String code,
            String functionId) {
        return resolver(scope, apiId, typeName, fieldName, code, List.of(functionId));
    }

    /** A pipeline resolver of one field whose own code (its configuration) runs before the functions, in order. */
    static CfnResolver resolver(Construct scope, String apiId, String typeName, String fieldName, String code,
            List<String> functionIds) {
        return CfnResolver.Builder.create(scope, typeName + Names.capitalize(fieldName) + "Resolver")
                .apiId(apiId)
                .typeName(typeName)
                .fieldName(fieldName)
                .kind("PIPELINE")
                .pipelineConfig(CfnResolver.PipelineConfigProperty.builder().functions(functionIds).build())
                .runtime(CfnResolver.AppSyncRuntimeProperty.builder().name(RUNTIME).runtimeVersion(RUNTIME_VERSION)
                        .build())
                .code(code)
                .build();
    }
}
