package dev.gen2.backend.data;

import dev.gen2.backend.SecurityCheckSuppressions;
import dev.gen2.backend.data.ModelShape.IndexShape;
import dev.gen2.backend.data.ResolverPlan.PlannedResolver;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.appsync.CfnDataSource;
import software.amazon.awscdk.services.appsync.CfnFunctionConfiguration;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The resources of one model: its DynamoDB table, the AppSync data source and function over it, and the resolvers
 * {@link ResolverPlan} gives it (the model's own operations, its index queries, and the relationship fields of other
 * models that resolve to it). They sit in the model's shard stack under the model's name, so their logical ids
 * depend on that name alone. It holds its construct rather than extending one: jsii calls back into Java subclasses
 * of CDK classes during synthesis, which hundreds of models would make slow and deep.
 */
final class ModelResources {
    /** The table, the data source's role and its policy, the data source and the function. */
    private static final int RESOURCES_BESIDES_RESOLVERS = 5;

    private final Construct scope;
    private final ModelShape shape;
    private final DataApi api;
    private final Table table;
    private final CfnDataSource dataSource;

    ModelResources(Stack shardStack, ModelShape shape, DataApi api, List<PlannedResolver> resolvers) {
        this.scope = new Construct(shardStack, shape.name());
        this.shape = shape;
        this.api = api;
        this.table = newTable();
        Role role = Role.Builder.create(scope, "DataSourceRole")
                .assumedBy(new ServicePrincipal("appsync.amazonaws.com")).build();
        table.grantReadWriteData(role);
        if (!shape.indexes().isEmpty()
                && role.getNode().tryFindChild("DefaultPolicy") instanceof Policy policy) {
            SecurityCheckSuppressions.suppressMatching((CfnResource) policy.getNode().getDefaultChild(), "IAM5",
                    "The model's data source reads its table's indexes (<table arn>/index/*), which the"
                            + " relationships and secondary indexes query, as CDK's table grant gives.",
                    "^Resource::<[A-Za-z0-9]+\\.Arn>/index/\\*$");
        }
        this.dataSource = CfnDataSource.Builder.create(scope, "DataSource")
                .apiId(api.apiId())
                .name(shape.name() + "Table")
                .type("AMAZON_DYNAMODB")
                .serviceRoleArn(role.getRoleArn())
                .dynamoDbConfig(CfnDataSource.DynamoDBConfigProperty.builder()
                        .tableName(table.getTableName()).awsRegion(shardStack.getRegion()).build())
                .build();
        AppSyncJs.afterPolicies(dataSource, role);
        CfnFunctionConfiguration operations = AppSyncJs.function(scope, "Operations", api.apiId(),
                api.resolverCodePath(), shape.name() + "Operations", dataSource.getAttrName());
        for (PlannedResolver resolver : resolvers) {
            AppSyncJs.resolver(scope, api.apiId(), resolver.typeName(), resolver.fieldName(), resolver.code(),
                    resolver.subscription() ? api.subscriptionFunctionId() : operations.getAttrFunctionId());
        }
    }

    /** How many CloudFormation resources a model with these resolvers makes. */
    static int resourceCount(List<PlannedResolver> resolvers) {
        return RESOURCES_BESIDES_RESOLVERS + resolvers.size();
    }

    Table table() {
        return table;
    }

    /** The name of the data source over the model's table, for custom resolvers that read it. */
    String dataSourceName() {
        return dataSource.getAttrName();
    }

    private Table newTable() {
        boolean sandbox = api.sandbox();
        Table.Builder builder = Table.Builder.create(scope, "Table")
                .tableName(tableName())
                .partitionKey(attribute(shape.primaryKey().partitionAttributes().get(0)))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(!sandbox).build())
                .deletionProtection(!sandbox)
                .removalPolicy(sandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
        shape.primaryKey().sortAttributes().stream().findFirst().ifPresent(sortKey -> builder.sortKey(
                attribute(sortKey)));
        Table modelTable = builder.build();
        for (IndexShape index : shape.indexes()) {
            GlobalSecondaryIndexProps.Builder gsi = GlobalSecondaryIndexProps.builder().indexName(index.name());
            List<String> partition = index.key().partitionAttributes();
            List<String> sort = index.key().sortAttributes();
            if (index.key().multiAttribute()) {
                // DynamoDB's multi-attribute keys: each field an attribute of the key schema, in order
                gsi.partitionKeys(partition.stream().map(this::attribute).toList());
                if (!sort.isEmpty()) {
                    gsi.sortKeys(sort.stream().map(this::attribute).toList());
                }
            } else {
                gsi.partitionKey(attribute(partition.get(0)));
                sort.stream().findFirst().ifPresent(sortKey -> gsi.sortKey(attribute(sortKey)));
            }
            modelTable.addGlobalSecondaryIndex(gsi.build());
        }
        return modelTable;
    }

    /**
     * Amplify's table name, {@code <Model>-<apiId>-<NONE|branch>}. In a sandbox with indexes, a short hash of the
     * indexes follows, so that changing them replaces the table, as Amplify's sandbox does: CloudFormation changes
     * only one index of a table per deploy, and sandbox data may go. Elsewhere tables are kept and updated.
     */
    private String tableName() {
        String name = shape.name() + "-" + api.apiId() + "-" + api.environmentName();
        if (!api.sandbox() || shape.indexes().isEmpty()) {
            return name;
        }
        String indexes = shape.indexes().stream().map(index -> index.name() + "=" + index.keys()
                + (index.key().multiAttribute() ? "+multi-attribute" : ""))
                .collect(java.util.stream.Collectors.joining(";"));
        return name + "-" + Integer.toHexString(indexes.hashCode());
    }

    private Attribute attribute(String fieldName) {
        boolean number = shape.keyAttributeType(fieldName).equals("N");
        return Attribute.builder().name(fieldName).type(number ? AttributeType.NUMBER : AttributeType.STRING)
                .build();
    }
}
