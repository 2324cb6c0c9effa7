package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.CdkCli;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A changed secret reaches the auth provider on the sandbox's next deploy: the sandbox passes the newest secret
 * change as {@code secretLastUpdated}, so the secret fetcher runs again and Google's client secret is updated.
 */
class SandboxSecretRefreshIT {
    private static final BackendId SANDBOX = new BackendId("secretsapp", "sec", DeploymentType.SANDBOX);

    @Test
    void aChangedProviderSecretReachesTheNextDeploy() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it", "secrets-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        Path project = Files.createDirectories(work.resolve("project"));
        Files.writeString(project.resolve("cdk.json"), "{\"app\": \"java dev.gen2.localaws.GoogleSignInBackend\","
                + " \"context\": {\"amplify-backend-namespace\": \"secretsapp\"}}", StandardCharsets.UTF_8);
        try (LocalAws aws = LocalAws.start()) {
            LocalAwsApi api = new LocalAwsApi(aws);
            new LocalCli(aws).bootstrap(SampleAssembly.synth(work.resolve("bootstrap"), "boot",
                    DeploymentType.SANDBOX, ""));
            putSecret(api, "first-value");
            sandboxOnce(aws, project);
            assertThat(googleClientSecret(api)).isEqualTo("first-value");

            putSecret(api, "second-value");
            CdkCli.Result second = sandboxOnce(aws, project);
            assertThat(second.output()).doesNotContain("second-value");
            assertThat(googleClientSecret(api)).as("the provider got the changed secret").isEqualTo("second-value");
        }
    }

    private static void putSecret(LocalAwsApi api, String value) {
        try (SsmClient ssm = api.configure(SsmClient.builder()).build()) {
            ssm.putParameter(request -> request.name(Secret.of(GoogleSignInBackend.SECRET).path(SANDBOX))
                    .type(ParameterType.SECURE_STRING).value(value).overwrite(true));
        }
    }

    private static CdkCli.Result sandboxOnce(LocalAws aws, Path project) throws Exception {
        List<String> command = CdkCli.gen2Command(List.of("sandbox", "--once", "--identifier", SANDBOX.name(),
                "--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString()));
        CdkCli.Result result = CdkCli.Processes.run(project, command, Map.of(), Duration.ofMinutes(4));
        System.out.printf("sandbox --once with a secret: %.1f s%n", result.took().toMillis() / 1000.0);
        assertThat(result.exitCode()).as(result.output() + "\n--- local AWS ---\n" + aws.log()).isZero();
        return result;
    }

    private static String googleClientSecret(LocalAwsApi api) {
        try (CognitoIdentityProviderClient cognito = api.configure(CognitoIdentityProviderClient.builder())
                .build()) {
            String pool = cognito.listUserPools(request -> request.maxResults(10)).userPools().get(0).id();
            return cognito.describeIdentityProvider(request -> request.userPoolId(pool).providerName("Google"))
                    .identityProvider().providerDetails().get("client_secret");
        }
    }
}
