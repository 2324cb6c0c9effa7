package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void pathsFollowAmplifysParameterPaths() {
        Secret secret = Secret.of("secretName");
        assertThat(secret.path(new BackendId("reasonableName", "userName", DeploymentType.SANDBOX)))
                .isEqualTo("/amplify/reasonableName/userName-sandbox-99c4c0494a/secretName");
        assertThat(secret.sharedPath(new BackendId("someAppId", "main", DeploymentType.BRANCH)))
                .isEqualTo("/amplify/shared/someAppId/secretName");
    }

    @Test
    void namesAreChecked() {
        assertThatThrownBy(() -> Secret.of("has space"))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Invalid secret name provided: has space");
        assertThat(Secret.of("API_KEY.v2-x").name()).isEqualTo("API_KEY.v2-x");
    }
}
