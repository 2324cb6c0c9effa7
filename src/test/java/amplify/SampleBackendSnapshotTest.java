package amplify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.AssetModes;
import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import dev.gen2.testing.SynthesizedBackend;
import dev.gen2.testing.TemplateSnapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The sample backend's templates against the snapshots in {@code src/test/resources/snapshots}, with the test kit
 * ({@code dev.gen2.testing}), which normalizes asset hashes and the library version. Update them on purpose only:
 * {@code mvn test -Dtest=SampleBackendSnapshotTest -Dsnapshot.update=true}.
 */
class SampleBackendSnapshotTest {
    @Test
    void sampleTemplatesMatchTheirSnapshots() {
        TemplateSnapshots.inDefaultDirectory().assertMatches(SynthesizedBackend.sandbox(BackendApp::define), "sample");
    }

    @Test
    void sampleHasAMediaBucketAndAPostConfirmationTrigger() {
        Backend backend = BackendApp.define(TestBackends.app("gen2sample", "dev", DeploymentType.SANDBOX));
        Template storage = TestBackends.nestedTemplate(backend, "storage");
        storage.resourceCountIs("AWS::S3::Bucket", 1);
        storage.resourceCountIs("AWS::IAM::Policy", 4);
        TestBackends.nestedTemplate(backend, "auth").hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "LambdaConfig", Map.of("PostConfirmation", Map.of("Fn::GetAtt", List.of(
                        Match.stringLikeRegexp("postConfirmation.*"), "Arn")))));
    }

    @Test
    void sampleHasEmailSignUpTheAdminsGroupAndOptionalTotp() {
        Backend backend = BackendApp.define(TestBackends.app("gen2sample", "dev", DeploymentType.SANDBOX));
        Template auth = TestBackends.nestedTemplate(backend, "auth");
        auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "UsernameAttributes", List.of("email"),
                "MfaConfiguration", "OPTIONAL",
                "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"),
                "EmailVerificationSubject", "Welcome! Verify your email"));
        auth.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "ADMINS", "Precedence", 0));
        assertThat(backend.rootStack().getStackName()).isEqualTo("amplify-gen2sample-dev-sandbox-438a5a44fd");
    }

    @Test
    void everyAssetOfTheSampleIsReadableByLambdasRuntimeUser() throws IOException {
        App app = TestBackends.app("gen2sample", "dev", DeploymentType.SANDBOX);
        BackendApp.define(app);
        Path assembly = Path.of(app.synth().getDirectory());
        assertThat(AssetModes.unreadable(assembly)).isEmpty();
        try (var files = Files.walk(assembly)) {
            List<Path> runtimeFiles = files.filter(f -> f.getFileName().toString().equals("gen2-runtime.js")).toList();
            assertThat(runtimeFiles).as("the Node.js functions' entry point is staged").isNotEmpty();
            for (Path file : runtimeFiles) {
                assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OTHERS_READ);
            }
        }
    }
}
