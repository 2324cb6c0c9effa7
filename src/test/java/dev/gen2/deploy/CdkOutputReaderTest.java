package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the CDK CLI's output says was done to each stack, read from its lines as {@code aws-cdk@2.1148.1} prints
 * them (with and without colors): created, updated, hotswapped, unchanged, destroyed.
 */
class CdkOutputReaderTest {
    private static final String STACK = "amplify-gen2sample-ada-sandbox-0123456789";

    @Test
    void aFirstSandboxDeployWhoseHotswapFellBackIsCreated() {
        assertThat(read("""
                ✨  Synthesis time: 0.01s
                %1$s: start: Building auth Nested Stack Template
                %1$s: success: Published auth Nested Stack Template (current_account-current_region-2633d8a1)
                %1$s: deploying... [1/1]

                ⚠️ The following non-hotswappable changes were found:
                    output: userPoolId, reason: output was changed
                    resource: auth179371D7, type: AWS::CloudFormation::Stack, reason: resource 'auth179371D7' was created by this deployment

                ✨  hotswap-deployment time: 0.92s

                Could not perform a hotswap deployment, as the stack %1$s contains non-Asset changes
                Falling back to doing a full deployment
                %1$s: creating CloudFormation changeset...
                %1$s | 0/6 | 5:58:30 PM | CREATE_IN_PROGRESS      | AWS::CloudFormation::Stack | %1$s User Initiated
                %1$s | 1/6 | 5:58:31 PM | CREATE_COMPLETE         | AWS::CloudFormation::Stack | %1$s

                 ✅  %1$s

                ✨  Deployment time: 1.72s
                """)).containsExactly(STACK + ": created");
    }

    @Test
    void aChangeSetOnAnExistingStackIsUpdated() {
        assertThat(read("""
                %1$s: deploying... [1/1]
                Falling back to doing a full deployment
                %1$s: creating CloudFormation changeset...
                %1$s | 0/3 | 6:01:02 PM | UPDATE_IN_PROGRESS      | AWS::CloudFormation::Stack | %1$s User Initiated
                %1$s | 0/3 | 6:01:03 PM | UPDATE_IN_PROGRESS      | AWS::CloudFormation::Stack | auth179371D7
                %1$s | 1/3 | 6:01:09 PM | UPDATE_COMPLETE         | AWS::CloudFormation::Stack | %1$s

                 ✅  %1$s
                """)).containsExactly(STACK + ": updated");
    }

    @Test
    void aFunctionCodeChangeIsHotswapped() {
        assertThat(read("""
                %1$s: deploying... [1/1]

                ✨ hotswapping resources:
                   ✨ Lambda Function 'amplify-gen2sample-ada-postConfirmation-4EQETL4GN91E'
                   ✨ Lambda Function 'amplify-gen2sample-ada-postConfirmation-4EQETL4GN91E' hotswapped!

                ✨  hotswap-deployment time: 1.30s
                Your next non-hotswap deployment with aws://123456789012/us-east-1 should include '--revert-drift' \
                to resolve the drift that was introduced while hotswapping.

                 ✅  %1$s

                ✨  Deployment time: 2.01s
                """)).containsExactly(STACK + ": hotswapped");
    }

    @Test
    void nothingToChangeIsUnchanged() {
        assertThat(read("""
                %1$s: deploying... [1/1]

                 ✨ hotswap deployment skipped - no changes were detected (use --force to override)

                 ✅  %1$s (no changes)
                """)).containsExactly(STACK + ": unchanged");
    }

    @Test
    void aDirectDeploySaysCreatingOrUpdating() {
        assertThat(read("""
                %1$s: deploying... [1/2]
                %1$s: creating stack...
                 ✅  %1$s
                other-stack: deploying... [2/2]
                other-stack: updating stack...
                other-stack | 0/2 | 6:01:02 PM | UPDATE_IN_PROGRESS | AWS::CloudFormation::Stack | other-stack
                 ✅  other-stack
                """)).containsExactly(STACK + ": created", "other-stack: updated");
    }

    @Test
    void aDestroyIsDestroyed() {
        assertThat(read("""
                %1$s: destroying... [1/1]
                %1$s |   0 | 6:05:00 PM | DELETE_IN_PROGRESS   | AWS::CloudFormation::Stack | %1$s User Initiated

                 ✅  %1$s: destroyed
                """)).containsExactly(STACK + ": destroyed");
    }

    @Test
    void colorsAreIgnored() {
        assertThat(read("\u001B[1m%1$s\u001B[22m: deploying... [1/1]\n\u001B[1m%1$s\u001B[22m: creating stack...\n"
                + "\n \u001B[32m✅  %1$s\u001B[39m\n")).containsExactly(STACK + ": created");
    }

    @Test
    void aStackWithoutAnyOfTheSignsIsDeployedAndAFailedOneIsNotReported() {
        assertThat(read("""
                %1$s: deploying... [1/2]
                 ✅  %1$s
                other-stack: deploying... [2/2]
                 ❌  other-stack failed: Error: boom
                """)).containsExactly(STACK + ": deployed");
    }

    @Test
    void bootstrapLinesReportNoStack() {
        assertThat(read("""
                 ⏳  Bootstrapping environment aws://123456789012/us-east-1...
                CDKToolkit |  0/15 | 5:58:22 PM | CREATE_IN_PROGRESS      | AWS::CloudFormation::Stack | CDKToolkit
                 ✅  Environment aws://123456789012/us-east-1 bootstrapped.
                """)).isEmpty();
    }

    private static List<String> read(String transcript) {
        List<String> streamed = new ArrayList<>();
        CdkOutputReader reader = new CdkOutputReader(result -> streamed.add(result.stack() + ": "
                + result.outcome().word()));
        transcript.formatted(STACK).lines().forEach(reader::accept);
        assertThat(reader.results().stream().map(result -> result.stack() + ": " + result.outcome().word()))
                .as("the results kept are the ones handed on").containsExactlyElementsOf(streamed);
        return streamed;
    }
}
