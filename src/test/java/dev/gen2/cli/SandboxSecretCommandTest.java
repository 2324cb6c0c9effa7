package dev.gen2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.ProjectConfig;
import dev.gen2.localaws.LocalAws;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code gen2 sandbox secret set|get|list|remove} in-process against the local AWS, the value fed as standard input
 * (no terminal). The namespace is the project's, from ./cdk.json; each test uses a sandbox identifier of its own.
 */
class SandboxSecretCommandTest {
    private static final String VALUE = "pa55-Word-7c1b2e";
    private static LocalAws localAws;

    private record Result(int exitCode, String out, String err) {
        /** Asserts that the secret's value appears in neither output. */
        Result withoutValue(String value) {
            assertThat(out).as("stdout").doesNotContain(value);
            assertThat(err).as("stderr").doesNotContain(value);
            return this;
        }
    }

    @BeforeAll
    static void startLocalAws() throws Exception {
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_ACCESS_KEY);
        localAws = LocalAws.start();
    }

    @AfterAll
    static void stopLocalAws() {
        if (localAws != null) {
            localAws.close();
        }
    }

    @AfterEach
    void restoreInput() {
        SandboxSecretCommand.console = System::console;
        SandboxSecretCommand.standardInput = () -> System.in;
    }

    private static Result gen2(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** {@code gen2 sandbox secret <args> --region us-east-1 --endpoint-url <local AWS>}. */
    private static Result secret(String... args) {
        List<String> all = new ArrayList<>(List.of("sandbox", "secret"));
        all.addAll(List.of(args));
        all.addAll(List.of("--region", LocalAws.REGION, "--endpoint-url", localAws.endpoint().toString()));
        return gen2(all.toArray(String[]::new));
    }

    /** {@code secret set} with the given standard input and no terminal. */
    private static Result set(String input, String... args) {
        SandboxSecretCommand.console = () -> null;
        SandboxSecretCommand.standardInput = () -> new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("set"));
        all.addAll(List.of(args));
        return secret(all.toArray(String[]::new));
    }

    private static SsmClient ssm() {
        return SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(LocalAws.REGION))
                .endpointOverride(localAws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAws.ACCESS_KEY_ID, LocalAws.SECRET_ACCESS_KEY)))
                .build();
    }

    private static BackendId sandbox(String identifier) {
        return new BackendId(ProjectConfig.read(Path.of("")).namespace(), identifier, DeploymentType.SANDBOX);
    }

    @Test
    void setListGetRemoveRoundTripWithVersions() {
        Result first = set("first-value\n", "API_KEY", "--identifier", "roundtrip").withoutValue("first-value");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("Successfully created version 1 of secret API_KEY\n");
        Result second = set(VALUE + "\n", "API_KEY", "--identifier", "roundtrip").withoutValue(VALUE);
        assertThat(second.out()).isEqualTo("Successfully created version 2 of secret API_KEY\n");
        assertThat(set("x\n", "B.key", "--identifier", "roundtrip").exitCode()).isZero();

        Result list = secret("list", "--identifier", "roundtrip").withoutValue(VALUE);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).isEqualTo("API_KEY\nB.key\n");

        Result get = secret("get", "API_KEY", "--identifier", "roundtrip");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).startsWith("name: API_KEY\nversion: 2\nlastUpdated: 20")
                .endsWith("\nvalue: " + VALUE + "\n").hasLineCount(4);

        Result remove = secret("remove", "API_KEY", "--identifier", "roundtrip").withoutValue(VALUE);
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(remove.out()).isEqualTo("Successfully removed secret API_KEY\n");
        assertThat(secret("list", "--identifier", "roundtrip").out()).isEqualTo("B.key\n");
    }

    @Test
    void theValueIsStoredAsASecureStringAtTheSandboxesPath() {
        assertThat(set(VALUE + "\n", "GOOGLE_CLIENT_SECRET", "--identifier", "pathcheck").exitCode()).isZero();
        BackendId backendId = sandbox("pathcheck");
        String path = "/amplify/gen2sample/pathcheck-sandbox-" + backendId.hash() + "/GOOGLE_CLIENT_SECRET";
        try (SsmClient ssm = ssm()) {
            var parameter = ssm.getParameter(request -> request.name(path).withDecryption(true)).parameter();
            assertThat(parameter.type()).isEqualTo(ParameterType.SECURE_STRING);
            assertThat(parameter.value()).as("the line without its line end").isEqualTo(VALUE);
        }
    }

    @Test
    void theIdentifierDefaultsToTheUserName() {
        String userName = System.getProperty("user.name");
        try {
            System.setProperty("user.name", "secretuser");
            assertThat(set(VALUE + "\n", "FROM_DEFAULT").exitCode()).isZero();
            assertThat(secret("list", "--identifier", "secretuser").out()).isEqualTo("FROM_DEFAULT\n");
            System.setProperty("user.name", "not_valid");
            Result bad = secret("list");
            assertThat(bad.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
            assertThat(bad.err()).isEqualTo("error: --identifier: Invalid --identifier provided: not_valid Fix: your"
                    + " user name is not a valid identifier: pass --identifier with 1 to 15 letters, digits and"
                    + " hyphens.\n");
        } finally {
            System.setProperty("user.name", userName);
        }
    }

    @Test
    void removeAllRemovesEverySecretOfTheSandbox() {
        List.of("A", "B", "C").forEach(name -> assertThat(set(VALUE + "\n", name, "--identifier", "removeall")
                .exitCode()).isZero());
        assertThat(set(VALUE + "\n", "A", "--identifier", "neighbour").exitCode()).isZero();
        Result removed = secret("remove", "--all", "--identifier", "removeall").withoutValue(VALUE);
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).isEqualTo("Successfully removed 3 secrets of sandbox removeall: A, B, C\n");
        assertThat(secret("list", "--identifier", "removeall").out())
                .isEqualTo("No secrets set for sandbox removeall.\n");
        assertThat(secret("remove", "--all", "--identifier", "removeall").out())
                .isEqualTo("No secrets set for sandbox removeall.\n");
        assertThat(secret("list", "--identifier", "neighbour").out()).as("another sandbox keeps its secrets")
                .isEqualTo("A\n");
    }

    @Test
    void removeTakesANameOrAllButNotBothNorNeither() {
        assertThat(set(VALUE + "\n", "KEEP", "--identifier", "removeargs").exitCode()).isZero();
        Result both = secret("remove", "KEEP", "--all", "--identifier", "removeargs");
        assertThat(both.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(both.err()).startsWith("error: sandbox secret remove: Give a secret NAME or --all, not both.")
                .hasLineCount(1);
        Result neither = secret("remove", "--identifier", "removeargs");
        assertThat(neither.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(neither.err()).startsWith("error: sandbox secret remove: No secret to remove was given.")
                .hasLineCount(1);
        assertThat(secret("list", "--identifier", "removeargs").out()).as("nothing was removed").isEqualTo("KEEP\n");
    }

    @Test
    void aBadNameIsOneLineAndNoValueIsRead() {
        Result bad = set(VALUE + "\n", "bad/name", "--identifier", "badname").withoutValue(VALUE);
        assertThat(bad.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(bad.err()).isEqualTo("error: secret name: Invalid secret name provided: bad/name. Fix: use"
                + " letters, digits, '_', '.' and '-' only (^[a-zA-Z0-9_.-]+$).\n");
        assertThat(secret("get", "has space", "--identifier", "badname").err())
                .startsWith("error: secret name: Invalid secret name provided: has space.");
    }

    @Test
    void aMissingSecretSaysHowToSetIt() {
        Result get = secret("get", "NOPE", "--identifier", "missing");
        assertThat(get.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(get.err()).startsWith("error: secret NOPE: The secret NOPE is not set for sandbox 'missing'"
                + " (/amplify/gen2sample/missing-sandbox-")
                .endsWith("Fix: set it with: gen2 sandbox secret set NOPE --identifier missing.\n").hasLineCount(1);
        assertThat(get.out()).isEmpty();
        Result remove = secret("remove", "NOPE", "--identifier", "missing");
        assertThat(remove.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(remove.err()).startsWith("error: secret NOPE: The secret NOPE is not set");
    }

    @Test
    void anEmptyValueIsRefused() {
        for (String input : List.of("", "\n", "   \n")) {
            Result empty = set(input, "EMPTY", "--identifier", "emptyvalue");
            assertThat(empty.exitCode()).as("input %s", input).isEqualTo(Gen2Cli.USER_ERROR);
            assertThat(empty.err()).startsWith("error: secret EMPTY: The secret value is empty.").hasLineCount(1);
        }
        assertThat(secret("list", "--identifier", "emptyvalue").out())
                .isEqualTo("No secrets set for sandbox emptyvalue.\n");
    }

    @Test
    void onlyTheFirstLineOfStandardInputIsTheValue() {
        assertThat(set(VALUE + "\r\nsecond line\n", "ONE_LINE", "--identifier", "oneline").exitCode()).isZero();
        assertThat(secret("get", "ONE_LINE", "--identifier", "oneline").out()).contains("value: " + VALUE + "\n")
                .doesNotContain("second line");
    }

    @Test
    void anUnreachableEndpointIsOneLine() {
        Result result = gen2("sandbox", "secret", "list", "--identifier", "nowhere", "--region", "us-east-1",
                "--endpoint-url", "http://127.0.0.1:9");
        assertThat(result.exitCode()).isEqualTo(Gen2Cli.USER_ERROR);
        assertThat(result.err()).isEqualTo("error: AWS configuration: The endpoint http://127.0.0.1:9 does not"
                + " answer. Fix: start the local AWS first, or fix --endpoint-url / AWS_ENDPOINT_URL.\n");
    }

    @Test
    void secretWithoutASubcommandShowsTheSubcommands() {
        Result result = gen2("sandbox", "secret");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("Missing subcommand: set, get, list or remove.").contains("remove");
    }
}
