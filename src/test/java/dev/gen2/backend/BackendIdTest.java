package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

class BackendIdTest {

    @Test
    void stackNameIsAmplifysForTheIssueExample() {
        assertThat(new BackendId("testapp", "dev", DeploymentType.SANDBOX).stackName())
                .isEqualTo("amplify-testapp-dev-sandbox-1a98428f66");
    }

    @Test
    void stackNameSanitisesAndHashesTheRawValuesAsAmplifyDoes() {
        BackendId id = new BackendId("t-_e.s,@ t--T@,,  !@#$%^&*(){}:\":<>?/|\\[]   H/I. .S",
                "t-_h.i,@ ng1-&&%2@@3-   _", DeploymentType.BRANCH);
        assertThat(id.stackName()).isEqualTo("amplify-testTHIS-thing123-branch-70899a9dd1");
    }

    @Test
    void stackNameMatchesAmplifysIntegrationHarness() {
        assertThat(new BackendId("testAppId", "testBranchName", DeploymentType.BRANCH).stackName())
                .isEqualTo("amplify-testAppId-testBranchName-branch-7d6f6c854a");
        assertThat(new BackendId("reasonableName", "userName", DeploymentType.SANDBOX).hash())
                .isEqualTo("99c4c0494a");
    }

    @Test
    void longNamesAreTruncatedAsAmplifyTruncatesThem() {
        String longNamespace = "InsanelyLongNamespaceProvidedByCustomerDoNotKnowWhatCustomersAreThinkingWhenChoosing"
                + "ThisGreatBigNameButItIsStillTheoreticallyPossible";
        String longName = "InsanelyLongUserNameProvidedByCustomerDoNotKnowWhatCustomersAreThinkingWhenChoosing"
                + "ThisGreatBigName";
        assertThat(new BackendId("reasonableName", longName, DeploymentType.SANDBOX).stackName()).isEqualTo(
                "amplify-reasonableName-InsanelyLongUserNameProvidedByCustomerDoNotKnowWha-sandbox-25ed708259");
        assertThat(new BackendId(longNamespace, "userName", DeploymentType.SANDBOX).stackName()).isEqualTo(
                "amplify-InsanelyLongNamespaceProvidedByCustomerDoNotKnowWhatCustomersAreThinkingWhenChoosingThisGre"
                        + "-userName-sandbox-119c592989");
        BackendId both = new BackendId(longNamespace.replace("Namespace", "Name"), longName, DeploymentType.SANDBOX);
        assertThat(both.stackName()).isEqualTo("amplify-InsanelyLongNameProvidedByCustomerDoNotKnowWhatCu"
                + "-InsanelyLongUserNameProvidedByCustomerDoNotKnowWha-sandbox-4abbed907b");
        assertThat(both.stackName().length()).isLessThanOrEqualTo(128);
    }

    @Test
    void resourceReferencePathsFollowAmplifysParameterPaths() {
        assertThat(new BackendId("reasonableName", "userName", DeploymentType.SANDBOX)
                .resourceReferencePath("AMPLIFY_AUTH_USERPOOL_ID"))
                .isEqualTo("/amplify/resource_reference/reasonableName/userName-sandbox-99c4c0494a/AMPLIFY_AUTH_USERPOOL_ID");
    }

    @Test
    void stableHashIsAmplifysDomainPrefix() {
        assertThat(new BackendId("testBackendId", "testBranchName", DeploymentType.BRANCH).stableHash())
                .isEqualTo("00034dcf3444861c3ca5");
    }

    @Test
    void missingContextKeyIsNamedWithTheFlagThatSetsIt() {
        App app = App.Builder.create().context(Map.of(BackendId.NAMESPACE_KEY, "x",
                BackendId.TYPE_KEY, "sandbox")).build();
        assertThatThrownBy(() -> BackendId.fromContext(app.getNode()))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("No context value present for amplify-backend-name key")
                .hasMessageContaining("-c amplify-backend-name=");
    }

    @Test
    void unknownDeploymentTypeListsTheAcceptedOnes() {
        App app = App.Builder.create().context(Map.of(BackendId.NAMESPACE_KEY, "x", BackendId.NAME_KEY, "y",
                BackendId.TYPE_KEY, "prod")).build();
        assertThatThrownBy(() -> BackendId.fromContext(app.getNode()))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("amplify-backend-type CDK context value is not in (sandbox, branch, standalone)");
    }
}
