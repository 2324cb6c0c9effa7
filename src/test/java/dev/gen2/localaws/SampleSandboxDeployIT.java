package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.outputs.JsonText;
import dev.gen2.cli.Gen2Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample backend, sandbox type, deployed to the local AWS by the real CDK CLI and used by the real
 * aws-amplify clients: deploy, outputs, the sign-up story (v6 and v5), a redeploy after a function change, a
 * hotswap, and a destroy that leaves nothing behind. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleSandboxDeployIT {
    private static final String STACK = "amplify-gen2sample-dev-sandbox-438a5a44fd";
    private static final String V6_EMAIL = "ada@example.com";
    private static final String V5_EMAIL = "alan@example.com";
    private static Path work;
    private static LocalAws aws;
    private static LocalCli cli;
    private static LocalAwsApi api;
    private static Path assembly;
    private static Map<String, String> outputs;

    @BeforeAll
    static void synthesizeAndStartTheLocalAws() throws Exception {
        work = Files.createDirectories(Path.of("target", "it", "sandbox-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        assembly = SampleAssembly.synth(work.resolve("first"), "dev", DeploymentType.SANDBOX, "");
        aws = LocalAws.start();
        cli = new LocalCli(aws);
        api = new LocalAwsApi(aws);
        cli.bootstrap(assembly);
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stopTheLocalAws() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    @Order(1)
    void deploysTheSampleAndWritesItsOutputs() throws Exception {
        Path outputsFile = work.resolve("cdk-outputs.json");
        cli.deploy(assembly, outputsFile);
        Map<String, Object> stacks = JsonText.parseObject(Files.readString(outputsFile, StandardCharsets.UTF_8));
        assertThat(stacks).containsOnlyKeys(STACK);
        @SuppressWarnings("unchecked")
        Map<String, String> root = (Map<String, String>) stacks.get(STACK);
        outputs = root;
        assertThat(outputs).containsKeys("userPoolId", "webClientId", "identityPoolId", "awsAppsyncApiEndpoint",
                "amplifyApiModelSchemaS3Uri", "bucketName", "deploymentType");
        assertThat(outputs.get("deploymentType")).isEqualTo("sandbox");
        assertThat(api.userPoolIds()).as("the deployed pool is a real pool of the local Cognito")
                .containsExactly(outputs.get("userPoolId"));
        assertThat(api.identityPoolIds()).containsExactly(outputs.get("identityPoolId"));
        assertThat(api.tables()).singleElement().asString().startsWith("Todo-");
        assertThat(api.buckets()).contains(outputs.get("bucketName"));
    }

    @Test
    @Order(2)
    void generateOutputsFromTheDeployedStackEqualsTheOneFromTheCdkOutputsFile() throws Exception {
        Path fromFile = work.resolve("from-file");
        Path fromStack = work.resolve("from-stack");
        gen2("generate", "outputs", "--cdk-outputs-file", work.resolve("cdk-outputs.json").toString(),
                "--assembly", assembly.toString(), "--out-dir", fromFile.toString());
        String fromS3 = gen2("generate", "outputs", "--stack", STACK, "--region", LocalAws.REGION,
                "--endpoint-url", aws.endpoint().toString(), "--assembly", Files.createDirectories(
                        work.resolve("no-assembly")).toString(), "--out-dir", fromStack.toString());
        assertThat(fromS3).contains("Model introspection: read from s3://");
        String deployed = Files.readString(fromStack.resolve("amplify_outputs.json"));
        assertThat(deployed).isEqualTo(Files.readString(fromFile.resolve("amplify_outputs.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) JsonText.parseObject(deployed).get("auth");
        assertThat(auth).containsEntry("user_pool_id", outputs.get("userPoolId"))
                .containsEntry("identity_pool_id", outputs.get("identityPoolId"));
        gen2("generate", "outputs", "--stack", STACK, "--region", LocalAws.REGION, "--endpoint-url",
                aws.endpoint().toString(), "--outputs-version", "0", "--out-dir", fromStack.toString());
    }

    @Test
    @Order(3)
    void theSignUpStoryWorksWithAwsAmplify6OnTheDeployedPool() throws Exception {
        NodeStory.run(aws, "story-v6.test.mjs", V6_EMAIL,
                Map.of("AMPLIFY_OUTPUTS", work.resolve("from-stack/amplify_outputs.json")));
        assertThat(api.userEmails(outputs.get("userPoolId"))).contains(V6_EMAIL);
    }

    @Test
    @Order(4)
    void theSignUpStoryWorksWithAwsAmplify5FromTheLegacyConfiguration() throws Exception {
        NodeStory.run(aws, "story-v5.test.mjs", V5_EMAIL,
                Map.of("LEGACY_CONFIG", work.resolve("from-stack/amplifyconfiguration.json")));
        assertThat(api.userEmails(outputs.get("userPoolId"))).contains(V5_EMAIL);
    }

    @Test
    @Order(5)
    void aRedeployAfterAFunctionChangeKeepsThePoolIdAndItsUsers() throws Exception {
        String codeBefore = api.functionCodeSha("postConfirmation");
        Path changed = SampleAssembly.synth(work.resolve("changed"), "dev", DeploymentType.SANDBOX,
                "changed for the redeploy test");
        Path outputsFile = work.resolve("cdk-outputs-redeploy.json");
        cli.deploy(changed, outputsFile);
        assertThat(api.functionCodeSha("postConfirmation")).as("the function's new code is deployed")
                .isNotEqualTo(codeBefore);
        assertThat(Files.readString(outputsFile)).contains(outputs.get("userPoolId"));
        assertThat(api.userPoolIds()).containsExactly(outputs.get("userPoolId"));
        assertThat(api.userEmails(outputs.get("userPoolId"))).contains(V6_EMAIL, V5_EMAIL);
    }

    @Test
    @Order(6)
    void hotswapDeploysAFunctionsCodeWithoutCloudFormation() throws Exception {
        String codeBefore = api.functionCodeSha("postConfirmation");
        Path hotswapped = SampleAssembly.synth(work.resolve("hotswapped"), "dev", DeploymentType.SANDBOX,
                "changed for the hotswap test");
        var result = cli.deploy(hotswapped, work.resolve("cdk-outputs-hotswap.json"), "--hotswap");
        assertThat(result.output()).contains("hotswapped!");
        assertThat(api.functionCodeSha("postConfirmation")).isNotEqualTo(codeBefore);
        assertThat(api.userPoolIds()).containsExactly(outputs.get("userPoolId"));
        assertThat(api.userEmails(outputs.get("userPoolId"))).contains(V6_EMAIL, V5_EMAIL);
    }

    @Test
    @Order(7)
    void destroyLeavesNoStackPoolTableBucketOrParameterBehind() throws Exception {
        cli.destroy(assembly);
        assertThat(api.liveStacks()).isEmpty();
        assertThat(api.userPoolIds()).isEmpty();
        assertThat(api.identityPoolIds()).isEmpty();
        assertThat(api.tables()).isEmpty();
        assertThat(api.buckets()).as("only the CDK bootstrap's bucket").allMatch(b -> b.startsWith("cdk-hnb659fds-"));
        assertThat(api.parameters()).as("only the CDK bootstrap's version").containsExactly(
                "/cdk-bootstrap/hnb659fds/version");
    }

    /** {@code gen2 ARGS} in this JVM; asserts it succeeded and returns what it printed. */
    private static String gen2(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(exitCode).as(String.join(" ", args) + "\n" + err).isZero();
        return out.toString();
    }
}
