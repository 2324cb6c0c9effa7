package dev.gen2.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amplify.BackendApp;
import dev.gen2.backend.auth.PasswordPolicy;
import dev.gen2.backend.outputs.ClientConfigVersion;
import dev.gen2.guard.GuardVariants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit on the sample and variants of it: each check passes on what is true and fails, saying what it found,
 * on what is not; snapshots are created when missing, compared, and a mismatch names the changed resources.
 */
class TestKitTest {
    private static final SynthesizedBackend SAMPLE = SynthesizedBackend.sandbox(BackendApp::define);

    @TempDir
    Path snapshots;

    private static SynthesizedBackend variant(GuardVariants.Variant variant) {
        return SynthesizedBackend.sandbox(app -> {
            app.getNode().setContext(GuardVariants.VARIANT_KEY, variant.value());
            return GuardVariants.define(app);
        });
    }

    @Test
    void theSynthIsTheSameOnEveryRunAndHasEveryStackByGroup() {
        SynthesizedBackend again = SynthesizedBackend.sandbox(BackendApp::define);
        assertThat(SAMPLE.groups()).contains("root", "auth", "data", "storage", "function")
                .anyMatch(group -> group.startsWith("data/amplifyData/ModelShard"));
        SAMPLE.groups().forEach(group -> assertThat(TemplateSnapshots.normalize(again.template(group).toJSON()
                .toString())).as(group).isEqualTo(TemplateSnapshots.normalize(SAMPLE.template(group).toJSON()
                        .toString())));
        assertThat(SAMPLE.backend().rootStack().getStackName()).startsWith("amplify-testapp-test-sandbox-");
        assertThatThrownBy(() -> SAMPLE.template("nothing")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no stack 'nothing'").hasMessageContaining("auth");
    }

    @Test
    void aMissingSnapshotIsCreatedThenMatchedAndAChangeFailsWithWhatChanged() throws Exception {
        TemplateSnapshots kit = TemplateSnapshots.in(snapshots);
        kit.assertMatches(SAMPLE, "sample");
        assertThat(snapshots.resolve("sample-auth.json")).exists();
        assertThat(Files.readString(snapshots.resolve("sample-function.json"))).contains("<asset-hash>")
                .doesNotContainPattern("[0-9a-f]{64}");
        kit.assertMatches(SynthesizedBackend.sandbox(BackendApp::define), "sample");
        SynthesizedBackend renamed = variant(GuardVariants.Variant.BUCKET_RENAMED);
        TemplateSnapshots.in(snapshots).assertMatches(variant(GuardVariants.Variant.SAMPLE), "variant");
        assertThatThrownBy(() -> kit.assertMatches(renamed, "variant"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("-Dsnapshot.update=true")
                .hasMessageContaining("variant-storage.json: Resources.mediaBucket9F5DE49B removed (AWS::S3::Bucket)")
                .hasMessageContaining("variant-storage.json: Resources.picturesBucket")
                .hasMessageNotContaining("variant-auth.json");
    }

    @Test
    void aChangedPropertyIsNamedWithItsOldAndNewValue() {
        TemplateSnapshots kit = TemplateSnapshots.in(snapshots);
        kit.assertMatches(variant(GuardVariants.Variant.SAMPLE), "login");
        assertThatThrownBy(() -> kit.assertMatches(variant(GuardVariants.Variant.LOGIN_WITH_PHONE), "login"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("login-auth.json: Resources.amplifyAuthUserPool4BA7F805.Properties"
                        + ".UsernameAttributes: [\"email\"] -> [\"phone_number\"]")
                .hasMessageNotContaining("login-storage.json");
    }

    @Test
    void keepingStatefulResourcesIsTheGuardsCheck() {
        BackendChecks.assertKeepsStatefulResources(variant(GuardVariants.Variant.SAMPLE),
                variant(GuardVariants.Variant.MODEL_ADDED));
        assertThatThrownBy(() -> BackendChecks.assertKeepsStatefulResources(variant(GuardVariants.Variant.SAMPLE),
                variant(GuardVariants.Variant.AUTH_RENAMED)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The change would lose data or fail to deploy:")
                .hasMessageContaining("user pool auth");
    }

    @Test
    void signInAndPasswordSettings() {
        BackendChecks.assertSignInWith(SAMPLE, "email");
        BackendChecks.assertPasswordPolicy(SAMPLE, PasswordPolicy.AMPLIFY_DEFAULT);
        assertThatThrownBy(() -> BackendChecks.assertSignInWith(SAMPLE, "phone_number"))
                .isInstanceOf(AssertionError.class).hasMessage("The user pool signs in with [email], not"
                        + " [phone_number].");
        assertThatThrownBy(() -> BackendChecks.assertPasswordPolicy(SAMPLE, PasswordPolicy.AMPLIFY_DEFAULT
                .withMinLength(12))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("MinimumLength=8").hasMessageContaining("MinimumLength=12");
    }

    @Test
    void aStatementGrantsExactlyTheseActions() {
        BackendChecks.assertGrantsExactly(SAMPLE, "storage", "/public/*", "s3:PutObject");
        assertThatThrownBy(() -> BackendChecks.assertGrantsExactly(SAMPLE, "storage", "/public/*", "s3:PutObject",
                "s3:GetObject")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("No statement in storage allows exactly [s3:GetObject, s3:PutObject]");
    }

    @Test
    void theOutputsFileForFakeIds() {
        Map<String, Object> outputs = BackendChecks.outputsFile(SAMPLE, ClientConfigVersion.V1_5);
        assertThat(outputs.get("auth")).extracting("user_pool_id").isEqualTo(FakeDeployment.USER_POOL_ID);
        assertThat(outputs.get("data")).extracting("model_introspection").isNotNull();
        assertThat(outputs.get("storage")).extracting("bucket_name").isNotNull();
    }
}
