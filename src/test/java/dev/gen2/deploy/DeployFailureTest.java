package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CDK toolkit's failures, as it prints them, turned into one line each with the fix. */
class DeployFailureTest {
    private static final Path LOG = Path.of("target", "gen2-sandbox", "s", "cdk.log");

    @Test
    void aMissingBootstrapSaysHowToBootstrap() {
        DeployFailure failure = DeployFailure.from("deploy", """
                 ❌  amplify-gen2sample-ada-sandbox-1234567890 failed: SSM parameter /cdk-bootstrap/hnb659fds/version \
                not found. Has the environment been bootstrapped? Please run 'cdk bootstrap'
                """, LOG);
        assertThat(failure.where()).isEqualTo("bootstrap");
        assertThat(failure.fix()).contains("npx --yes aws-cdk@2.1148.1 bootstrap aws://<account>/<region>");
    }

    @Test
    void expiredCredentialsSayToRefreshThem() {
        DeployFailure failure = DeployFailure.from("deploy", "ExpiredToken: The security token included in the"
                + " request is expired\n", LOG);
        assertThat(failure.problem()).isEqualTo("The AWS credentials are missing, expired or invalid (ExpiredToken).");
        assertThat(failure.fix()).startsWith("refresh them");
    }

    @Test
    void aStackInRollbackFailedSaysHowToContinueTheRollback() {
        DeployFailure failure = DeployFailure.from("deploy", "❌ Stack amplify-app1-main-branch-0123456789 is in"
                + " UPDATE_ROLLBACK_FAILED state and can not be updated.", LOG);
        assertThat(failure.where()).isEqualTo("stack amplify-app1-main-branch-0123456789");
        assertThat(failure.problem()).contains("UPDATE_ROLLBACK_FAILED");
        assertThat(failure.fix()).contains("continue-update-rollback --stack-name amplify-app1-main-branch-0123456789");
    }

    @Test
    void anImmutableUserPoolPropertyExplainsAndNeverSuggestsDeletingThePool() {
        DeployFailure failure = DeployFailure.from("deploy", "amplifyAuthUserPool4BA7F805 | UPDATE_FAILED |"
                + " Updates are not allowed for property - UsernameAttributes.", LOG);
        assertThat(failure.where()).isEqualTo("user pool");
        assertThat(failure.problem()).startsWith("The property UsernameAttributes of the user pool cannot change on an"
                + " existing pool");
        assertThat(failure.getMessage()).doesNotContainIgnoringCase("delete");
    }

    @Test
    void aMissingSecretSaysHowToSetIt() {
        DeployFailure failure = DeployFailure.from("deploy", "Received response status [FAILED] from custom resource."
                + " Message returned: Unable to find backend secret for backend 'gen2sample', branch 'ada', name"
                + " 'GOOGLE_CLIENT_SECRET'", LOG);
        assertThat(failure.fix()).startsWith("set it with `gen2 sandbox secret set GOOGLE_CLIENT_SECRET`");
    }

    @Test
    void aServiceLimitSaysWhatToDo() {
        DeployFailure failure = DeployFailure.from("deploy", "Resource handler returned message: \"LimitExceeded"
                + "Exception: Cannot exceed quota for PoliciesPerRole: 10\"", LOG);
        assertThat(failure.where()).isEqualTo("AWS limits");
    }

    @Test
    void anythingElseKeepsTheToolkitsOwnErrorLine() {
        DeployFailure failure = DeployFailure.from("deploy", "some progress\n ❌  stack-x failed: Error: boom\nmore\n",
                LOG);
        assertThat(failure.getMessage()).isEqualTo("cdk deploy: stack-x failed: Error: boom Fix: see the CDK CLI's"
                + " output in target/gen2-sandbox/s/cdk.log (its last lines are above).");
    }
}
