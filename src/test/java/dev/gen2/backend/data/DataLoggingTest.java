package dev.gen2.backend.data;

import static dev.gen2.backend.TestBackends.assertConfigError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.data.DataLogging.FieldLogLevel;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The API's logging options, Amplify's {@code logging}: defaults, the resources they make, and bad values. */
class DataLoggingTest {
    private static final Schema NOTES = Schema.of(Model.named("Note").field("text", Field.string())
            .authorization(AuthRule.owner()));

    private static Template dataStack(DeploymentType type, DataResource.Factory data) {
        Backend backend = Backend.define(TestBackends.app(type), DataSchemas.AUTH, data);
        return TestBackends.nestedTemplate(backend, "data");
    }

    @Test
    void amplifysDefaultsAreLevelNoneVerboseContentExcludedAndOneWeek() {
        assertThat(DataLogging.defaults()).isEqualTo(new DataLogging(FieldLogLevel.NONE, true, OptionalInt.of(7)));
    }

    @Test
    void withLoggingTheApiLogsThroughTheRoleAmplifyCreatesAndTheLogGroupKeepsThemAsLongAsAsked() {
        Template stack = dataStack(DeploymentType.SANDBOX, DataResource.define(data -> data.schema(NOTES)
                .logging(DataLogging.defaults().fieldLogLevel(FieldLogLevel.ALL).excludeVerboseContent(false)
                        .retentionDays(90))));
        stack.hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of("LogConfig", Map.of(
                "CloudWatchLogsRoleArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^.*ApiLogsRole.*$"),
                        "Arn")),
                "ExcludeVerboseContent", false,
                "FieldLogLevel", "ALL")));
        stack.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "appsync.amazonaws.com")))))),
                "ManagedPolicyArns", List.of(Map.of("Fn::Join", List.of("", List.of("arn:",
                        Map.of("Ref", "AWS::Partition"), ":iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs"))))));
        stack.hasResource("AWS::Logs::LogGroup", Map.of(
                "Properties", Map.of("RetentionInDays", 90, "LogGroupName", Map.of("Fn::Join", List.of("",
                        List.of("/aws/appsync/apis/", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(
                                "^.*GraphQLAPI.*$"), "ApiId")))))),
                "DeletionPolicy", "Delete"));
    }

    @Test
    void outsideASandboxTheLogGroupIsKeptAndForeverMeansNoRetention() {
        Template stack = dataStack(DeploymentType.BRANCH, DataResource.define(data -> data.schema(NOTES)
                .logging(DataLogging.defaults().retainedForever())));
        stack.hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of("LogConfig", Match.objectLike(Map.of(
                "ExcludeVerboseContent", true, "FieldLogLevel", "NONE"))));
        stack.hasResource("AWS::Logs::LogGroup", Map.of("Properties", Map.of("RetentionInDays", Match.absent(),
                "LogGroupName", Match.anyValue()), "DeletionPolicy", "Retain"));
    }

    @Test
    void withoutLoggingThereIsNoLogConfigRoleOrLogGroup() {
        Template stack = dataStack(DeploymentType.SANDBOX, DataResource.define(data -> data.schema(NOTES)));
        stack.hasResourceProperties("AWS::AppSync::GraphQLApi", Map.of("LogConfig", Match.absent()));
        stack.resourceCountIs("AWS::Logs::LogGroup", 0);
        assertThat(stack.findResources("AWS::IAM::Role", Match.objectLike(Map.of("Properties", Match.objectLike(
                Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Principal", Map.of("Service", "appsync.amazonaws.com")))))))))))))
                .as("a role AppSync assumes").isEmpty();
    }

    @Test
    void aRetentionCloudWatchDoesNotOfferIsRefusedWithThePeriodsItDoes() {
        assertConfigError(() -> DataLogging.defaults().retentionDays(10), "data.logging.retentionDays",
                "CloudWatch cannot keep logs for 10 days.");
        assertConfigError(() -> DataLogging.defaults().fieldLogLevel(null), "data.logging.fieldLogLevel",
                "The field log level is missing.");
        assertConfigError(() -> DataResource.define(data -> data.schema(NOTES).logging(null)), "data.logging",
                "The logging options");
    }
}
