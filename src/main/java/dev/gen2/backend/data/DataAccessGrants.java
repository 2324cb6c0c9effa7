package dev.gen2.backend.data;

import dev.gen2.backend.BackendContext;
import dev.gen2.backend.ResourceNames;
import dev.gen2.backend.SecurityCheckSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.ssm.StringParameter;

/**
 * Gives functions access to the API as Amplify does: a {@code GraphqlAccessPolicy<N>} allowing
 * {@code appsync:GraphQL} on the granted root types and {@code s3:GetObject} on the model introspection document,
 * and, through SSM resource references, the variables {@code AMPLIFY_DATA_GRAPHQL_ENDPOINT},
 * {@code AMPLIFY_DATA_MODEL_INTROSPECTION_SCHEMA_BUCKET_NAME}, {@code ..._KEY} and {@code AMPLIFY_DATA_DEFAULT_NAME}
 * ({@code AMPLIFY_DATA_<NAME>_...} for an API not named {@code amplifyData}).
 */
final class DataAccessGrants {

    private DataAccessGrants() {
    }

    static void grant(BackendContext backend, DataResource data, String apiName, List<FunctionAccess> grants) {
        if (grants.isEmpty()) {
            return;
        }
        String prefix = DataSettings.DEFAULT_NAME.equals(apiName) ? "AMPLIFY_DATA"
                : ResourceNames.screamingSnakeCase("amplifyData" + apiName);
        Map<String, String> values = new LinkedHashMap<>();
        values.put(prefix + "_GRAPHQL_ENDPOINT", data.cfnGraphqlApi().getAttrGraphQlUrl());
        values.put(prefix + "_MODEL_INTROSPECTION_SCHEMA_BUCKET_NAME", data.modelIntrospectionAsset().getS3BucketName());
        values.put(prefix + "_MODEL_INTROSPECTION_SCHEMA_KEY", data.modelIntrospectionAsset().getS3ObjectKey());
        values.put(prefix + "_DEFAULT_NAME", apiName);
        Map<String, String> paths = new LinkedHashMap<>();
        values.forEach((variable, value) -> {
            String path = backend.backendId().resourceReferencePath(variable);
            StringParameter.Builder.create(data, variable + "Parameter").parameterName(path).stringValue(value).build();
            paths.put(variable, path);
        });
        int number = 0;
        for (FunctionAccess grant : grants) {
            Policy policy = Policy.Builder.create(data, "GraphqlAccessPolicy" + number++).statements(List.of(
                    PolicyStatement.Builder.create().actions(List.of("appsync:GraphQL"))
                            .resources(grant.actions().stream().map(action -> data.cfnGraphqlApi().getAttrArn()
                                    + "/types/" + action.typeName() + "/*").toList()).build(),
                    PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
                            .resources(List.of(data.modelIntrospectionAsset().getBucket().arnForObjects(
                                    data.modelIntrospectionAsset().getS3ObjectKey()))).build()))
                    .build();
            SecurityCheckSuppressions.suppressMatching((CfnResource) policy.getNode().getDefaultChild(), "IAM5",
                    "A function granted data access may call every field of the root types it is granted (query,"
                            + " mutate, listen), as Amplify grants it: a backend principal the resolvers let through.",
                    "^Resource::<[A-Za-z0-9]+\\.Arn>/types/(Query|Mutation|Subscription)/\\*$");
            backend.get(grant.function()).acceptResourceAccess(policy, paths);
        }
    }

}
