package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.localaws.LocalAws;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The secrets of a backend in SSM, against the local AWS. Each test uses a backend of its own. */
class SandboxSecretsTest {
    private static final String VALUE = "s3cr3t-Value-9f8e7d";
    private static LocalAws localAws;
    private static SsmClient ssm;

    @BeforeAll
    static void startLocalAws() throws Exception {
        localAws = LocalAws.start();
        ssm = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(LocalAws.REGION))
                .endpointOverride(localAws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAws.ACCESS_KEY_ID, LocalAws.SECRET_ACCESS_KEY)))
                .build();
    }

    @AfterAll
    static void stopLocalAws() {
        if (ssm != null) {
            ssm.close();
        }
        if (localAws != null) {
            localAws.close();
        }
    }

    private static SandboxSecrets secrets(String name) {
        return new SandboxSecrets(ssm, new BackendId("secretsapp", name, DeploymentType.SANDBOX));
    }

    @Test
    void setGetListRemoveRoundTripWithVersions() {
        SandboxSecrets secrets = secrets("roundtrip");
        assertThat(secrets.set("API_KEY", "first")).isEqualTo(1);
        assertThat(secrets.set("API_KEY", VALUE)).as("a second set overwrites").isEqualTo(2);
        assertThat(secrets.set("other.key-1", "x")).isEqualTo(1);

        SandboxSecrets.SecretRecord record = secrets.get("API_KEY").orElseThrow();
        assertThat(record.name()).isEqualTo("API_KEY");
        assertThat(record.value()).isEqualTo(VALUE);
        assertThat(record.version()).isEqualTo(2);
        assertThat(record.lastUpdated()).isBefore(Instant.now().plusSeconds(60)).isAfter(Instant.now().minusSeconds(600));
        assertThat(secrets.list()).containsExactly("API_KEY", "other.key-1");

        secrets.remove("API_KEY");
        assertThat(secrets.get("API_KEY")).isEmpty();
        assertThat(secrets.list()).containsExactly("other.key-1");
    }

    @Test
    void secretsAreSecureStringsAtAmplifysPath() {
        SandboxSecrets secrets = secrets("pathcheck");
        secrets.set("GOOGLE_CLIENT_SECRET", VALUE);
        String path = "/amplify/secretsapp/pathcheck-sandbox-" + secrets.backendId().hash() + "/GOOGLE_CLIENT_SECRET";
        assertThat(secrets.path("GOOGLE_CLIENT_SECRET")).isEqualTo(path);
        var parameter = ssm.getParameter(request -> request.name(path).withDecryption(true)).parameter();
        assertThat(parameter.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(parameter.value()).isEqualTo(VALUE);
    }

    @Test
    void listIsSortedPaginatedAndOnlyTheBackendsOwn() {
        SandboxSecrets secrets = secrets("many");
        List<String> names = new ArrayList<>(IntStream.rangeClosed(1, 13).mapToObj(i -> "S" + (100 - i)).toList());
        names.forEach(name -> secrets.set(name, "v"));
        // Another sandbox of the same app, one whose name starts the same, and a deeper path: none are listed.
        secrets("other").set("OTHER", "v");
        secrets("many2").set("NOT_MINE", "v");
        ssm.putParameter(request -> request.name(secrets.path("S99") + "/nested").value("v")
                .type(ParameterType.SECURE_STRING));
        assertThat(secrets.list()).as("13 names, more than one page of 10, sorted")
                .isEqualTo(names.stream().sorted().toList());
    }

    @Test
    void removeAllRemovesEverySecretOfTheBackendOnly() {
        SandboxSecrets secrets = secrets("removeall");
        IntStream.rangeClosed(1, 12).forEach(i -> secrets.set("K" + i, "v"));
        SandboxSecrets neighbour = secrets("keepme");
        neighbour.set("K1", "kept");
        assertThat(secrets.removeAll()).hasSize(12).contains("K1", "K12");
        assertThat(secrets.list()).isEmpty();
        assertThat(secrets.removeAll()).as("nothing left to remove").isEmpty();
        assertThat(neighbour.get("K1")).map(SandboxSecrets.SecretRecord::value).contains("kept");
    }

    @Test
    void lastUpdatedMovesForwardAfterASet() throws InterruptedException {
        SandboxSecrets secrets = secrets("lastupdated");
        assertThat(secrets.lastUpdated()).as("no secrets yet").isEmpty();
        assertThat(secrets.lastUpdatedContext()).isEmpty();
        secrets.set("A", "1");
        Instant first = secrets.lastUpdated().orElseThrow();
        Thread.sleep(50);
        secrets.set("B", "2");
        Instant second = secrets.lastUpdated().orElseThrow();
        assertThat(second).isAfter(first);
        Thread.sleep(50);
        secrets.set("A", "3");
        Instant third = secrets.lastUpdated().orElseThrow();
        assertThat(third).as("overwriting an existing secret counts too").isAfter(second)
                .isEqualTo(secrets.get("A").orElseThrow().lastUpdated());
        assertThat(secrets.lastUpdatedContext()).as("CDK context secretLastUpdated: epoch milliseconds")
                .contains(Long.toString(third.toEpochMilli()));
        assertThat(SandboxSecrets.LAST_UPDATED_CONTEXT_KEY).isEqualTo("secretLastUpdated");
    }

    @Test
    void aBadNameIsRefusedBeforeAnyCall() {
        SandboxSecrets secrets = secrets("badname");
        for (String bad : List.of("has space", "slash/name", "", "star*")) {
            assertThatThrownBy(() -> secrets.set(bad, VALUE))
                    .isInstanceOf(BackendConfigException.class)
                    .hasMessageStartingWith("secret name: Invalid secret name provided: " + bad + ".")
                    .hasMessageContaining("Fix: use letters, digits, '_', '.' and '-' only")
                    .hasMessageNotContaining(VALUE);
            assertThatThrownBy(() -> secrets.get(bad)).isInstanceOf(BackendConfigException.class);
            assertThatThrownBy(() -> secrets.remove(bad)).isInstanceOf(BackendConfigException.class);
        }
        assertThat(secrets.list()).isEmpty();
    }

    @Test
    void aMissingSecretSaysWhichAndHowToSetIt() {
        SandboxSecrets secrets = secrets("missing");
        assertThat(secrets.get("NOPE")).isEmpty();
        String expected = "secret NOPE: The secret NOPE is not set for sandbox 'missing' (" + secrets.path("NOPE")
                + "). Fix: set it with: gen2 sandbox secret set NOPE --identifier missing.";
        assertThatThrownBy(() -> secrets.require("NOPE")).isInstanceOf(BackendConfigException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> secrets.remove("NOPE")).isInstanceOf(BackendConfigException.class)
                .hasMessage(expected);
    }

    @Test
    void anEmptyValueIsRefused() {
        SandboxSecrets secrets = secrets("emptyvalue");
        assertThatThrownBy(() -> secrets.set("A", "")).isInstanceOf(BackendConfigException.class)
                .hasMessage("secret A: The secret value is empty. Fix: give a non-empty value.");
        assertThat(secrets.get("A")).isEmpty();
    }

    @Test
    void aRecordsToStringHidesTheValue() {
        SandboxSecrets.SecretRecord record = new SandboxSecrets.SecretRecord("A", VALUE, 3, Instant.EPOCH);
        assertThat(record.toString()).doesNotContain(VALUE).contains("A", "3");
    }

    @Test
    void anSsmErrorEchoingTheValueIsScrubbed() {
        SsmClient echoing = new SsmClient() {
            @Override
            public PutParameterResponse putParameter(PutParameterRequest request) {
                throw (SsmException) SsmException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                                .errorMessage("Value '" + request.value() + "' at 'value' failed to satisfy constraint")
                                .build())
                        .build();
            }

            @Override
            public String serviceName() {
                return "ssm";
            }

            @Override
            public void close() {
            }
        };
        SandboxSecrets secrets = new SandboxSecrets(echoing, new BackendId("secretsapp", "scrub",
                DeploymentType.SANDBOX));
        assertThatThrownBy(() -> secrets.set("A", VALUE)).isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("SSM PutParameter failed (ValidationException): Value '****' at 'value'")
                .hasMessageNotContaining(VALUE);
    }
}
