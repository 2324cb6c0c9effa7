package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The bootstrap check before a deploy: each answer SSM can give, as the user reads it. */
class BootstrapCheckTest {

    @Test
    void aCurrentBootstrapPasses() {
        assertThat(BootstrapCheck.verify(answering("21"))).isEqualTo(21);
    }

    @Test
    void aMissingBootstrapSaysHowToBootstrap() {
        assertThatThrownBy(() -> BootstrapCheck.verify(failing(ParameterNotFoundException.builder()
                .message("not found").build())))
                .isInstanceOf(DeployFailure.class)
                .hasMessageStartingWith("bootstrap: This account and region has no CDK bootstrap")
                .hasMessageContaining("npx --yes aws-cdk@2.1148.1 bootstrap aws://<account>/<region>");
    }

    @Test
    void anOldBootstrapSaysVersionSixIsNeeded() {
        assertThatThrownBy(() -> BootstrapCheck.verify(answering("5")))
                .hasMessageContaining("has CDK bootstrap version 5; 6 or later is needed.");
    }

    @Test
    void expiredCredentialsSayToRefreshThem() {
        assertThatThrownBy(() -> BootstrapCheck.verify(failing(SsmException.builder().awsErrorDetails(
                AwsErrorDetails.builder().errorCode("ExpiredTokenException").errorMessage("expired").build())
                .build())))
                .isInstanceOf(DeployFailure.class)
                .hasMessage("AWS credentials: The AWS credentials are expired or invalid (ExpiredTokenException). Fix:"
                        + " refresh them (aws sso login, or new keys) or pass --profile, then run the command again.");
    }

    @Test
    void aRefusedReadNamesTheParameter() {
        assertThatThrownBy(() -> BootstrapCheck.verify(failing(SsmException.builder().awsErrorDetails(
                AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build())))
                .hasMessageContaining("AWS refused to read /cdk-bootstrap/hnb659fds/version (AccessDeniedException).");
    }

    private static SsmClient answering(String version) {
        return new FakeSsm(null, version);
    }

    private static SsmClient failing(RuntimeException error) {
        return new FakeSsm(error, null);
    }

    /** An SSM client with one answer to GetParameter. */
    private record FakeSsm(RuntimeException error, String value) implements SsmClient {
        @Override
        public GetParameterResponse getParameter(GetParameterRequest request) {
            if (error != null) {
                throw error;
            }
            return GetParameterResponse.builder().parameter(p -> p.name(request.name()).value(value)).build();
        }

        @Override
        public String serviceName() {
            return "ssm";
        }

        @Override
        public void close() {
        }
    }
}
