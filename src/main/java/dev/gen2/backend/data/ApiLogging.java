package dev.gen2.backend.data;

import dev.gen2.backend.SecurityCheckSuppressions;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.appsync.CfnGraphQLApi;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.constructs.Construct;

/**
 * The API's CloudWatch logging, as Amplify's data construct sets it: the API's {@code LogConfig} with a role AppSync
 * assumes to write the logs ({@code ApiLogsRole}, AWS's {@code AWSAppSyncPushToCloudWatchLogs} policy), and the
 * retention on the log group AppSync writes to, {@code /aws/appsync/apis/<apiId>}. Amplify sets that retention
 * through CDK's Lambda-backed {@code LogRetention} custom resource; we declare the log group itself, which needs no
 * function and is removed with a sandbox (kept in other environments, as the tables are).
 */
final class ApiLogging {

    private ApiLogging() {
    }

    static void configure(Construct scope, CfnGraphQLApi api, Optional<DataLogging> logging, boolean sandbox) {
        if (logging.isEmpty()) {
            SecurityCheckSuppressions.suppress(api, "ASC3", "Request-level logging needs a CloudWatch Logs role and"
                    + " is paid per request; as in Amplify it is opt-in, with the data resource's logging option.");
            return;
        }
        DataLogging options = logging.get();
        if (options.fieldLogLevel() == DataLogging.FieldLogLevel.NONE) {
            SecurityCheckSuppressions.suppress(api, "ASC3", "The API logs to CloudWatch; the user chose no"
                    + " field-level (resolver) logs, Amplify's default level NONE.");
        }
        Role role = Role.Builder.create(scope, "ApiLogsRole")
                .assumedBy(new ServicePrincipal("appsync.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AWSAppSyncPushToCloudWatchLogs")))
                .build();
        SecurityCheckSuppressions.suppressMatching((CfnRole) role.getNode().getDefaultChild(), "IAM4",
                "AWSAppSyncPushToCloudWatchLogs allows only writing the API's CloudWatch logs; Amplify's data"
                        + " construct gives its ApiLogsRole the same policy.",
                "^Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs$");
        api.setLogConfig(CfnGraphQLApi.LogConfigProperty.builder()
                .cloudWatchLogsRoleArn(role.getRoleArn())
                .excludeVerboseContent(options.excludeVerboseContent())
                .fieldLogLevel(options.fieldLogLevel().name())
                .build());
        CfnLogGroup group = CfnLogGroup.Builder.create(scope, "ApiLogGroup")
                .logGroupName("/aws/appsync/apis/" + api.getAttrApiId())
                .retentionInDays(options.retentionDays().isPresent() ? options.retentionDays().getAsInt() : null)
                .build();
        group.applyRemovalPolicy(sandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
    }
}
