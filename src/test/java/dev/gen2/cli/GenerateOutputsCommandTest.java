package dev.gen2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.CdkCli;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.outputs.JsonText;
import dev.gen2.localaws.LocalAws;
import dev.gen2.testing.FakeDeployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code gen2 generate outputs} end to end: from a cdk outputs file, and from stacks created in the local AWS on
 * 127.0.0.1 (read with DescribeStacks).
 */
class GenerateOutputsCommandTest {
    private static final String SANDBOX_STACK = "amplify-testapp-dev-sandbox-1a98428f66";
    private static final String METADATA_STACK = "amplify-meta-main-branch-0123456789";
    /** Created through a change set not yet executed: REVIEW_IN_PROGRESS, as a stack mid-deployment. */
    private static final String REVIEWED_STACK = "amplify-review-main-branch-0123456789";
    private static final String DATA_STACK = "amplify-data-main-branch-0123456789";
    private static DataResource data;
    private static LocalAws moto;
    private static Map<String, String> deployedOutputs;
    /** The data backend's outputs as deployed, and the cloud assembly it was synthesized into. */
    private static Map<String, String> dataOutputs;
    private static Path dataAssembly;
    private static Template root;

    @TempDir
    Path directory;

    private record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void deployToMoto() throws Exception {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail().groups("ADMINS")));
        root = TestBackends.template(backend.rootStack());
        deployedOutputs = FakeDeployment.outputs(root);
        moto = LocalAws.start();
        try (CloudFormationClient cloudFormation = cloudFormation()) {
            cloudFormation.createStack(request -> request.stackName(SANDBOX_STACK)
                    .templateBody(templateCarrying(deployedOutputs, root.toJSON().get("Metadata"))));
            cloudFormation.createStack(request -> request.stackName(METADATA_STACK).templateBody(templateCarrying(
                    Map.of("deploymentType", "branch", "region", "us-east-1", "bucketName", "not-recorded"),
                    Map.of("AWS::Amplify::Platform", Map.of("version", "1",
                            "stackOutputs", List.of("deploymentType", "region"))))));
            cloudFormation.createChangeSet(request -> request.stackName(REVIEWED_STACK).changeSetName("first")
                    .changeSetType(ChangeSetType.CREATE)
                    .templateBody(templateCarrying(deployedOutputs, root.toJSON().get("Metadata"))));
            deployDataBackend(cloudFormation);
            cloudFormation.createStack(request -> request.stackName("someone-elses-stack")
                    .templateBody(templateCarrying(Map.of("Url", "https://example.com"), Map.of())));
        }
    }

    /** A backend with data: its outputs on a stack, its model introspection in the assets bucket, as deployed. */
    private static void deployDataBackend(CloudFormationClient cloudFormation) {
        DataResource.Factory factory = DataResource.define(d -> d.schema(amplify.data.DataConfig.SCHEMA));
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()), factory);
        data = backend.get(factory);
        Template dataRoot = TestBackends.template(backend.rootStack());
        Map<String, String> outputs = FakeDeployment.outputs(dataRoot);
        dataOutputs = outputs;
        dataAssembly = Path.of(((App) backend.rootStack().getNode().getRoot()).getOutdir());
        URI location = URI.create(outputs.get("amplifyApiModelSchemaS3Uri"));
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(moto.endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            s3.createBucket(request -> request.bucket(location.getHost()));
            s3.putObject(request -> request.bucket(location.getHost()).key(location.getPath().substring(1)),
                    RequestBody.fromString(JsonText.stringify(data.modelIntrospection(), 2)));
        }
        cloudFormation.createStack(request -> request.stackName(DATA_STACK)
                .templateBody(templateCarrying(outputs, dataRoot.toJSON().get("Metadata"))));
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    private static CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    /** A template whose outputs are the given literal values, with the given metadata and one small resource. */
    private static String templateCarrying(Map<String, String> outputs, Object metadata) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("Metadata", metadata);
        template.put("Resources", Map.of("Marker", Map.of("Type", "AWS::SSM::Parameter",
                "Properties", Map.of("Name", "/gen2-test/" + outputs.size(), "Type", "String", "Value", "deployed"))));
        Map<String, Object> templateOutputs = new LinkedHashMap<>();
        outputs.forEach((name, value) -> templateOutputs.put(name, Map.of("Value", value)));
        template.put("Outputs", templateOutputs);
        return JsonText.stringify(template, 0);
    }

    private Result gen2(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private String[] fromMoto(String... args) {
        List<String> all = new ArrayList<>(List.of("generate", "outputs", "--region", "us-east-1",
                "--endpoint-url", moto.endpoint().toString(), "--out-dir", directory.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void readsADeployedStackByName() throws IOException {
        Result result = gen2(fromMoto("--stack", SANDBOX_STACK));
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path file = directory.resolve("amplify_outputs.json");
        assertThat(result.out()).contains("Wrote " + file);
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) JsonText.parseObject(Files.readString(file)).get("auth");
        assertThat(auth).containsEntry("user_pool_id", FakeDeployment.USER_POOL_ID)
                .containsEntry("user_pool_client_id", FakeDeployment.CLIENT_ID)
                .containsEntry("identity_pool_id", FakeDeployment.IDENTITY_POOL_ID)
                .containsEntry("groups", List.of(Map.of("ADMINS", Map.of("precedence", 0))));
    }

    @Test
    void theDataSectionCarriesTheModelIntrospectionReadFromS3() throws IOException {
        Path otherAssembly = Files.createDirectories(directory.resolve("other-cdk.out"));
        Result result = gen2(fromMoto("--stack", DATA_STACK, "--assembly", otherAssembly.toString()));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Model introspection: read from s3://")
                .contains("(the cloud assembly " + otherAssembly + " has no asset.");
        @SuppressWarnings("unchecked")
        Map<String, Object> dataSection = (Map<String, Object>) JsonText.parseObject(
                Files.readString(directory.resolve("amplify_outputs.json"))).get("data");
        assertThat(dataSection).containsEntry("default_authorization_type", "AMAZON_COGNITO_USER_POOLS")
                .containsEntry("authorization_types", List.of("AWS_IAM"))
                .containsEntry("aws_region", "us-east-1")
                .containsEntry("model_introspection", JsonText.parse(JsonText.stringify(data.modelIntrospection(), 0)));
        assertThat(dataSection.get("url").toString()).startsWith("fake-");
    }

    @Test
    void outputsAreGroupedByTheTemplatesMetadata() throws IOException {
        Result result = gen2(fromMoto("--stack", METADATA_STACK));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JsonText.parseObject(Files.readString(directory.resolve("amplify_outputs.json"))))
                .as("bucketName is not recorded under any AWS::Amplify key of the metadata")
                .containsOnlyKeys("version");
    }

    @Test
    void findsASandboxByIdentifierAndWritesTheLegacyFiles() throws IOException {
        Result json = gen2(fromMoto("--identifier", "dev", "--namespace", "testapp", "--outputs-version", "0"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(JsonText.parseObject(Files.readString(directory.resolve("amplifyconfiguration.json"))))
                .containsEntry("aws_user_pools_id", FakeDeployment.USER_POOL_ID);
        Result js = gen2(fromMoto("--identifier", "dev", "--namespace", "testapp", "--outputs-version", "0",
                "--format", "js"));
        assertThat(js.exitCode()).as(js.err()).isZero();
        assertThat(Files.readString(directory.resolve("aws-exports.js"))).contains("export default awsmobile;");
    }

    @Test
    void writesDartForFlutter() throws IOException {
        Result result = gen2(fromMoto("--stack", SANDBOX_STACK, "--format", "dart", "--outputs-version", "1.3"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readString(directory.resolve("amplify_outputs.dart")))
                .startsWith("const amplifyConfig = r'''").contains("\"version\": \"1.3\"");
    }

    @Test
    void missingDeployingAndForeignStacksAreReported() {
        Result missing = gen2(fromMoto("--app-id", "d1234", "--branch", "main"));
        assertThat(missing.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(missing.err()).startsWith("error: stack amplify-d1234-main-branch-")
                .contains("The stack does not exist in this account and region.");
        Result deploying = gen2(fromMoto("--stack", REVIEWED_STACK));
        assertThat(deploying.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(deploying.err()).contains("The stack is being deployed (REVIEW_IN_PROGRESS).")
                .contains("wait until the deployment has finished");
        assertThat(directory.resolve("amplify_outputs.json")).doesNotExist();
        Result foreign = gen2(fromMoto("--stack", "someone-elses-stack"));
        assertThat(foreign.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(foreign.err()).contains("This stack was not made by gen2-backend");
    }

    @Test
    void readsTheFileCdkDeployWrote() throws IOException {
        Path cdkOutputs = directory.resolve("cdk-outputs.json");
        Files.writeString(cdkOutputs, JsonText.stringify(Map.of(SANDBOX_STACK, deployedOutputs), 2),
                StandardCharsets.UTF_8);
        Result result = gen2("generate", "outputs", "--cdk-outputs-file", cdkOutputs.toString(), "--out-dir",
                directory.resolve("web").toString(), "--outputs-version", "1.4");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JsonText.parseObject(Files.readString(directory.resolve("web/amplify_outputs.json"))))
                .containsEntry("version", "1.4").containsKey("auth");
    }

    @Test
    void readsTheModelIntrospectionFromTheDeployedCloudAssemblyWithoutAws() throws IOException {
        Path cdkOutputs = directory.resolve("cdk-outputs.json");
        Files.writeString(cdkOutputs, JsonText.stringify(Map.of(DATA_STACK, dataOutputs), 2), StandardCharsets.UTF_8);
        // An endpoint nothing listens on: any AWS call would fail the command.
        Result result = gen2("generate", "outputs", "--cdk-outputs-file", cdkOutputs.toString(), "--assembly",
                dataAssembly.toString(), "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1",
                "--out-dir", directory.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Model introspection: read from the cloud assembly " + dataAssembly);
        assertThat(JsonText.parseObject(Files.readString(directory.resolve("amplify_outputs.json"))).get("data"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("model_introspection", JsonText.parse(JsonText.stringify(data.modelIntrospection(), 0)));
    }

    @Test
    void anUnresolvedModelIntrospectionLocationIsOneLine() throws IOException {
        Map<String, String> unresolved = new LinkedHashMap<>(dataOutputs);
        unresolved.put("amplifyApiModelSchemaS3Uri", "s3://${Token[TOKEN.1234]}/model.json");
        Path cdkOutputs = directory.resolve("cdk-outputs.json");
        Files.writeString(cdkOutputs, JsonText.stringify(Map.of(DATA_STACK, unresolved), 2), StandardCharsets.UTF_8);
        Result result = gen2("generate", "outputs", "--cdk-outputs-file", cdkOutputs.toString(), "--out-dir",
                directory.toString());
        assertThat(result.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(result.err()).startsWith("error: data: The model introspection location"
                + " 's3://${Token[TOKEN.1234]}/model.json' is not an s3://bucket/key address.")
                .hasLineCount(1);
    }

    @Test
    void awsEndpointUrlFromTheEnvironmentReachesCloudFormationAndS3Alike() throws Exception {
        Path out = directory.resolve("from-env");
        CdkCli.Result outcome = gen2InOwnJvm(Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", "us-east-1"),
                "generate", "outputs", "--stack", DATA_STACK, "--assembly", directory.toString(),
                "--out-dir", out.toString());
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("Model introspection: read from s3://");
        assertThat(JsonText.parseObject(Files.readString(out.resolve("amplify_outputs.json")))).containsKey("data");
    }

    @Test
    void missingCredentialsOrRegionAreOneLineSayingWhatToSet() throws Exception {
        Path emptyHome = Files.createDirectories(directory.resolve("home"));
        Map<String, String> noAws = Map.of("HOME", emptyHome.toString(), "AWS_REGION", "us-east-1",
                "AWS_CONFIG_FILE", emptyHome.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", emptyHome.resolve("credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true");
        CdkCli.Result noCredentials = gen2InOwnJvm(noAws, "generate", "outputs", "--stack", DATA_STACK);
        assertThat(noCredentials.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(noCredentials.output()).isEqualTo("error: AWS configuration: No AWS credentials were found. Fix:"
                + " pass --profile, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).\n");
        Map<String, String> noRegion = new LinkedHashMap<>(noAws);
        noRegion.remove("AWS_REGION");
        CdkCli.Result withoutRegion = gen2InOwnJvm(noRegion, "generate", "outputs", "--stack", DATA_STACK);
        assertThat(withoutRegion.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(withoutRegion.output()).startsWith("error: AWS configuration: No AWS region is set.")
                .hasLineCount(1).doesNotContain("\tat ");
    }

    /**
     * The command in a JVM of its own, with this JVM's environment less every {@code AWS_*} variable, plus the given
     * ones: the AWS SDK reads the environment, which a test cannot change in its own JVM.
     */
    private static CdkCli.Result gen2InOwnJvm(Map<String, String> environment, String... args) throws Exception {
        return CdkCli.Processes.run(Path.of("."), CdkCli.gen2Command(List.of(args)), environment, Duration.ofMinutes(2),
                name -> name.startsWith("AWS_"));
    }

    @Test
    void badArgumentsGetOneLineErrors() {
        assertThat(gen2("generate", "outputs", "--stack", "1bad", "--region", "us-east-1").err())
                .startsWith("error: --stack: Invalid --stack name provided: 1bad");
        assertThat(gen2("generate", "outputs", "--identifier", "has_underscore", "--namespace", "x").err())
                .startsWith("error: --identifier: Invalid --identifier provided: has_underscore");
        assertThat(gen2("generate", "outputs", "--stack", SANDBOX_STACK, "--outputs-version", "2").err())
                .startsWith("error: --outputs-version: Unknown outputs version '2'.");
        assertThat(gen2("generate", "outputs", "--stack", SANDBOX_STACK, "--format", "js").err())
                .contains("aws-exports.js exists only for the legacy configuration (version 0)");
        Result both = gen2("generate", "outputs", "--stack", SANDBOX_STACK, "--identifier", "dev");
        assertThat(both.exitCode()).isNotZero();
        assertThat(both.err()).contains("mutually exclusive");
    }
}
