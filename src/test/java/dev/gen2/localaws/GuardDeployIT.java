package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.CdkCli;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.BackendSynthesizer;
import dev.gen2.guard.GuardVariants;
import dev.gen2.guard.GuardVariants.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The guard in the deploy path, against the local AWS: a branch backend deployed with {@code pipeline-deploy}, then
 * the same command with the auth renamed is refused before anything reaches CloudFormation (the stack is not
 * updated, no change set is made, the pool and its id stay), and {@code gen2 check} reads the deployed root and
 * nested templates to give the same verdict.
 */
class GuardDeployIT {
    private static final BackendId BRANCH = new BackendId("guardapp", "main", DeploymentType.BRANCH);
    private static LocalAws aws;
    private static LocalAwsApi api;
    private static Path project;

    @BeforeAll
    static void deployTheSampleAsABranch() throws Exception {
        project = Files.createDirectories(Path.of("target", "it", "guard-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        SampleAssembly.copyFunctionSources(project, "");
        aws = LocalAws.start();
        api = new LocalAwsApi(aws);
        Path bootstrap = new BackendSynthesizer(GuardVariants.class.getName(), Map.of()).synth(
                GuardDeployIT.class.getClassLoader(), BRANCH, Map.of(), project.resolve("bootstrap.out"));
        new LocalCli(aws).bootstrap(bootstrap);
        CdkCli.Result deployed = pipelineDeploy(Variant.SAMPLE);
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.output()).contains("[gen2] check: " + BRANCH.stackName() + " is not deployed yet;"
                + " nothing to lose.");
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aRenamedAuthIsRefusedBeforeAnyCloudFormationChange() throws Exception {
        Stack before = rootStack();
        List<String> pools = api.userPoolIds();
        CdkCli.Result refused = pipelineDeploy(Variant.AUTH_RENAMED);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output())
                .contains("error: check " + BRANCH.stackName() + ": Refused: deploying this to the branch backend"
                        + " would lose data or fail:")
                .contains("user pool auth")
                .contains("(auth/amplifyAuth/UserPool/Resource) would leave the backend (renamed or moved")
                .contains("--allow-replacement auth")
                .doesNotContain("[gen2] deploy:")
                .doesNotContain("Exception");
        Stack after = rootStack();
        assertThat(after.stackStatusAsString()).isEqualTo(before.stackStatusAsString());
        assertThat(lastChange(after)).isEqualTo(lastChange(before));
        assertThat(api.userPoolIds()).isEqualTo(pools);
        try (CloudFormationClient cloudFormation = api.configure(CloudFormationClient.builder()).build()) {
            assertThat(cloudFormation.listChangeSets(request -> request.stackName(BRANCH.stackName())).summaries())
                    .noneMatch(changeSet -> changeSet.creationTime().isAfter(lastChange(before)));
        }
    }

    @Test
    void checkReadsTheDeployedRootAndNestedTemplates() throws Exception {
        CdkCli.Result renamed = check(Variant.AUTH_RENAMED);
        assertThat(renamed.exitCode()).as(renamed.output()).isEqualTo(1);
        assertThat(renamed.output()).contains("user pool app client auth").contains("identity pool auth");
        CdkCli.Result modelAdded = check(Variant.MODEL_ADDED);
        assertThat(modelAdded.exitCode()).as(modelAdded.output()).isZero();
        assertThat(modelAdded.output()).contains("[gen2] check: no stateful resource (user pool, user pool group,"
                + " identity pool, user pool app client, DynamoDB table, DynamoDB global table, S3 bucket) is deleted"
                + " or replaced.");
        CdkCli.Result phone = check(Variant.LOGIN_WITH_PHONE);
        assertThat(phone.exitCode()).as(phone.output()).isEqualTo(1);
        assertThat(phone.output()).contains("cannot take this change (UsernameAttributes changes");
    }

    private static CdkCli.Result pipelineDeploy(Variant variant) throws Exception {
        return gen2(variant, Map.of("CI", "true"), "pipeline-deploy", "--app-id", BRANCH.namespace(), "--branch",
                BRANCH.name(), "--outputs-out-dir", project.resolve("outputs").toString());
    }

    private static CdkCli.Result check(Variant variant) throws Exception {
        return gen2(variant, Map.of(), "check", "--app-id", BRANCH.namespace(), "--branch", BRANCH.name());
    }

    /** The CLI in its own JVM in the test project, whose cdk.json selects the variant. */
    private static CdkCli.Result gen2(Variant variant, Map<String, String> environment, String... args)
            throws Exception {
        Files.writeString(project.resolve("cdk.json"), "{\"app\": \"java " + GuardVariants.class.getName() + "\","
                + " \"context\": {\"" + BackendId.NAMESPACE_KEY + "\": \"" + BRANCH.namespace() + "\", \""
                + GuardVariants.VARIANT_KEY + "\": \"" + variant.value() + "\"}}");
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString()));
        return CdkCli.Processes.run(project, CdkCli.gen2Command(arguments), environment, Duration.ofMinutes(5),
                name -> name.equals("CI"));
    }

    private static Stack rootStack() {
        try (CloudFormationClient cloudFormation = api.configure(CloudFormationClient.builder()).build()) {
            return cloudFormation.describeStacks(request -> request.stackName(BRANCH.stackName())).stacks().get(0);
        }
    }

    private static Instant lastChange(Stack stack) {
        return stack.lastUpdatedTime() != null ? stack.lastUpdatedTime() : stack.creationTime();
    }
}
