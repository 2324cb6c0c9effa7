package dev.gen2.backend.function;

import static org.assertj.core.api.Assertions.assertThat;

import amplify.functions.report.ReportHandler;
import dev.gen2.backend.Backend;
import dev.gen2.backend.Secret;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthAction;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.TriggerEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FunctionResourceTest {
    private static final FunctionResource.Factory HELLO = FunctionResource.define(fn -> fn
            .name("hello").entry("src/test/resources/functions/hello"));

    @Test
    void amplifysDefaults() {
        Backend backend = TestBackends.sandbox(HELLO);
        Template functions = TestBackends.nestedTemplate(backend, "function");
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "nodejs22.x",
                "Handler", "gen2-runtime.handler",
                "Timeout", 3,
                "MemorySize", 512,
                "EphemeralStorage", Map.of("Size", 512),
                "Architectures", List.of("x86_64"),
                "Environment", Map.of("Variables", Map.of("GEN2_HANDLER", "index.handler")),
                "Tags", Match.arrayWith(List.of(Map.of("Key", "amplify:friendly-name", "Value", "hello")))));
        assertThat(functions.findResources("AWS::Lambda::Function").keySet()).singleElement().asString()
                .startsWith("hellohellolambda");
        assertThat(functions.toJSON().get("Description").toString()).contains("\"stackType\":\"function-Lambda\"");
        Template root = TestBackends.template(backend.rootStack());
        assertThat(root.findOutputs("definedFunctions")).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) root.toJSON().get("Metadata"))
                .get("AWS::Amplify::Function");
        assertThat(metadata).containsEntry("version", "1").containsEntry("stackOutputs", List.of("definedFunctions"));
    }

    @Test
    void theCodeIsTheEntryWithTheRuntimeBesideIt() {
        Backend backend = TestBackends.sandbox(FunctionResource.define(fn -> fn.name("single")
                .entry("src/test/resources/functions/single.mjs")));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Map.of("GEN2_HANDLER", "single.handler"))));
        Path staged = FunctionCode.stage(Path.of("src/test/resources/functions/single.mjs"));
        assertThat(staged.resolve("single.mjs")).exists();
        assertThat(staged.resolve("gen2-runtime.js")).exists();
        assertThat(staged).isEqualTo(FunctionCode.stage(Path.of("src/test/resources/functions/single.mjs")));
    }

    @Test
    void aJavaFunctionRunsAHandlerClassFromTheProjectsPackage() {
        Backend backend = TestBackends.sandbox(FunctionResource.define(fn -> fn.name("report")
                .javaHandler(ReportHandler.class).runtime(FunctionRuntime.JAVA_25).timeoutSeconds(30)));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Handler", "amplify.functions.report.ReportHandler::handleRequest",
                "Timeout", 30,
                "Code", Map.of("S3Bucket", Match.anyValue(), "S3Key", Match.stringLikeRegexp("[0-9a-f]{64}\\.zip")),
                "Environment", Match.absent()));
    }

    @Test
    void aJavaFunctionsAssetIsItsOwnPackage() {
        FunctionResource.Factory definition = FunctionResource.define(fn -> fn.name("report")
                .javaHandler(ReportHandler.class));
        FunctionResource report = TestBackends.sandbox(definition).get(definition);
        assertThat(report.javaPackage()).hasValueSatisfying(javaPackage -> {
            assertThat(javaPackage.classes()).contains("amplify/functions/report/ReportHandler.class");
            assertThat(javaPackage.zip().getFileName().toString()).matches("java-function-[0-9a-f]{20}\\.zip");
        });
        assertThat(TestBackends.sandbox(HELLO).get(HELLO).javaPackage()).isEmpty();
    }

    @Test
    void snapStartPublishesAVersionWhoseAliasLiveTheSchedulesInvoke() {
        Backend backend = TestBackends.sandbox(FunctionResource.define(fn -> fn.name("report")
                .javaHandler(ReportHandler.class).architecture(FunctionSettings.Architecture.ARM64).snapStart()
                .schedule("every 1h")));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        functions.resourceCountIs("AWS::Lambda::Version", 1);
        functions.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(
                        "reportreportlambdaCurrentVersion.*"), "Version"))));
        functions.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("Target", Match.objectLike(Map.of("Arn",
                Map.of("Ref", Match.stringLikeRegexp("reportreportlive.*"))))));
    }

    @Test
    void everyOption() {
        Backend backend = TestBackends.sandbox(FunctionResource.define(fn -> fn
                .name("report").entry("src/test/resources/functions/hello").runtime(FunctionRuntime.NODE_24)
                .timeoutSeconds(60).memoryMB(1024).ephemeralStorageSizeMB(2048)
                .architecture(FunctionSettings.Architecture.ARM64)
                .environment("TABLE_NAME", "reports").layer("sharp", "sharp-layer:3")
                .layer("tools", "arn:aws:lambda:us-east-1:123456789012:layer:tools:7")
                .logRetentionDays(7).logFormat(FunctionSettings.LogFormat.JSON)
                .applicationLogLevel(FunctionSettings.LogLevel.WARN)));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "nodejs24.x",
                "Timeout", 60,
                "MemorySize", 1024,
                "EphemeralStorage", Map.of("Size", 2048),
                "Architectures", List.of("arm64"),
                "Environment", Map.of("Variables", Map.of("TABLE_NAME", "reports", "GEN2_HANDLER", "index.handler")),
                "Layers", List.of(Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":lambda:", Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"),
                                ":layer:sharp-layer:3"))),
                        "arn:aws:lambda:us-east-1:123456789012:layer:tools:7"),
                "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON", "ApplicationLogLevel", "WARN"))));
        functions.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
        functions.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Delete"));
    }

    @Test
    void secretsReachTheFunctionAsParameterPathsOnly() {
        Backend backend = TestBackends.sandbox(FunctionResource.define(fn -> fn.name("payments")
                .entry("src/test/resources/functions/hello").environment("API_SECRET", Secret.of("STRIPE_KEY"))));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        String path = "/amplify/testapp/dev-sandbox-1a98428f66/STRIPE_KEY";
        String shared = "/amplify/shared/testapp/STRIPE_KEY";
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Map.of(
                "GEN2_HANDLER", "index.handler",
                "API_SECRET", "<value will be resolved during runtime>",
                "AMPLIFY_SSM_ENV_CONFIG", "{\"API_SECRET\":{\"path\":\"" + path + "\",\"sharedPath\":\"" + shared
                        + "\"}}"))));
        functions.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Effect", "Allow", "Action", "ssm:GetParameters", "Resource", List.of(
                        parameterArn(path), parameterArn(shared)))))));
    }

    private static Object parameterArn(String path) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ssm:",
                Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":parameter" + path)));
    }

    @Test
    void schedulesBecomeEventBridgeSchedulerCronJobs() {
        Backend backend = TestBackends.sandbox(FunctionResource.define(fn -> fn.name("jobs")
                .entry("src/test/resources/functions/hello").schedule("every 5m", "every day", "0 8 ? * 2-6")
                .schedule(FunctionSchedule.of("every week").inTimezone("Europe/Paris"))));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        functions.resourceCountIs("AWS::Scheduler::Schedule", 4);
        for (String expression : List.of("cron(*/5 * * * ? *)", "cron(0 0 * * ? *)", "cron(0 8 ? * 2-6 *)")) {
            functions.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", expression,
                    "ScheduleExpressionTimezone", "UTC", "State", "ENABLED"));
        }
        functions.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "cron(0 0 ? * 1 *)",
                "ScheduleExpressionTimezone", "Europe/Paris",
                "Target", Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("jobsjobslambda.*"), "Arn"))))));
    }

    @Test
    void anAuthTriggerInTheAuthGroupAvoidsACircle() {
        FunctionResource.Factory confirm = FunctionResource.define(fn -> fn.name("postConfirmation")
                .entry("src/test/resources/functions/hello").resourceGroupName("auth"));
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()
                .trigger(TriggerEvent.POST_CONFIRMATION, confirm)));
        Template auth = TestBackends.nestedTemplate(backend, "auth");
        assertThat(auth.toJSON().get("Description").toString()).contains("\"stackType\":\"auth-Cognito\"");
        auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("LambdaConfig", Map.of("PostConfirmation",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("postConfirmationpostConfirmationlambda.*"),
                        "Arn")))));
        TestBackends.template(backend.rootStack());
    }

    @Test
    void authAccessReachesAFunctionResource() {
        FunctionResource.Factory admin = FunctionResource.define(fn -> fn.name("admin")
                .entry("src/test/resources/functions/hello"));
        Backend backend = TestBackends.sandbox(admin, AuthResource.define(a -> a.loginWithEmail()
                .access(admin, AuthAction.MANAGE_USERS)));
        Template functions = TestBackends.nestedTemplate(backend, "function");
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Map.of(
                "GEN2_HANDLER", "index.handler",
                "AMPLIFY_AUTH_USERPOOL_ID", "<value will be resolved during runtime>",
                "AMPLIFY_SSM_ENV_CONFIG", Match.stringLikeRegexp(".*AMPLIFY_AUTH_USERPOOL_ID.*")))));
        TestBackends.template(backend.rootStack());
    }
}
