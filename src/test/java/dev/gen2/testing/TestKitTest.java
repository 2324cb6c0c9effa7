package dev.gen2.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amplify.BackendApp;
import dev.gen2.backend.auth.PasswordPolicy;
import dev.gen2.backend.outputs.ClientConfigVersion;
import dev.gen2.guard.GuardVariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit on the sample and variants of it: each check passes on what is true and fails, saying what it found,
 * on what is not; snapshots are created when missing (but not under CI, where a missing one fails), compared, and a
 * mismatch names the changed resources; each backend's set of snapshots is listed, so that an update removes the
 * snapshots of stacks that are gone, and a normal run names them, without touching another backend's files.
 */
class TestKitTest {
    private static final SynthesizedBackend SAMPLE = SynthesizedBackend.sandbox(BackendApp::define);

    @TempDir
    Path snapshots;

    private TemplateSnapshots kit(SnapshotMode mode) {
        return TemplateSnapshots.in(snapshots).withMode(mode);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> snapshotFiles(String name, SynthesizedBackend backend) {
        return backend.groups().stream().map(group -> name + "-" + group.replace('/', '-') + ".json").toList();
    }

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
        TemplateSnapshots kit = kit(SnapshotMode.LOCAL);
        kit.assertMatches(SAMPLE, "sample");
        assertThat(snapshots.resolve("sample-auth.json")).exists();
        assertThat(Files.readAllLines(snapshots.resolve("sample.snapshots.txt"))).as("the set's list")
                .containsAll(snapshotFiles("sample", SAMPLE));
        assertThat(Files.readString(snapshots.resolve("sample-function.json"))).contains("<asset-hash>")
                .doesNotContainPattern("[0-9a-f]{64}");
        kit.assertMatches(SynthesizedBackend.sandbox(BackendApp::define), "sample");
        SynthesizedBackend renamed = variant(GuardVariants.Variant.BUCKET_RENAMED);
        kit.assertMatches(variant(GuardVariants.Variant.SAMPLE), "variant");
        assertThatThrownBy(() -> kit.assertMatches(renamed, "variant"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("-Dsnapshot.update=true")
                .hasMessageContaining("variant-storage.json: Resources.mediaBucket9F5DE49B removed (AWS::S3::Bucket)")
                .hasMessageContaining("variant-storage.json: Resources.picturesBucket")
                .hasMessageNotContaining("variant-auth.json");
    }

    @Test
    void aChangedPropertyIsNamedWithItsOldAndNewValue() {
        TemplateSnapshots kit = kit(SnapshotMode.LOCAL);
        kit.assertMatches(variant(GuardVariants.Variant.SAMPLE), "login");
        assertThatThrownBy(() -> kit.assertMatches(variant(GuardVariants.Variant.LOGIN_WITH_PHONE), "login"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("login-auth.json: Resources.amplifyAuthUserPool4BA7F805.Properties"
                        + ".UsernameAttributes: [\"email\"] -> [\"phone_number\"]")
                .hasMessageNotContaining("login-storage.json");
    }

    @Test
    void anUpdateRemovesTheSnapshotsOfStacksThatAreGoneAndNoOtherBackendsFiles() throws Exception {
        SynthesizedBackend twoShards = variant(GuardVariants.Variant.MODEL_ADDED); // Note in shard 18, Todo in 38
        SynthesizedBackend oneShard = variant(GuardVariants.Variant.SAMPLE);
        kit(SnapshotMode.LOCAL).assertMatches(twoShards, "variant");
        // another backend's set, whose files are all named like "variant-<group>.json" too
        kit(SnapshotMode.LOCAL).assertMatches(oneShard, "variant-data");
        assertThat(files()).contains("variant-data-amplifyData-ModelShard18.json");

        kit(SnapshotMode.UPDATE).assertMatches(oneShard, "variant");

        assertThat(files()).doesNotContain("variant-data-amplifyData-ModelShard18.json")
                .contains("variant-data-amplifyData-ModelShard38.json")
                .containsAll(snapshotFiles("variant-data", oneShard)).contains("variant-data.snapshots.txt");
        assertThat(Files.readAllLines(snapshots.resolve("variant.snapshots.txt")))
                .doesNotContain("variant-data-amplifyData-ModelShard18.json")
                .contains("variant-data-amplifyData-ModelShard38.json");
        kit(SnapshotMode.CI).assertMatches(oneShard, "variant");
        kit(SnapshotMode.CI).assertMatches(oneShard, "variant-data");
    }

    @Test
    void aNormalRunFailsNamingASnapshotWhoseStackIsGoneAndKeepsIt() {
        kit(SnapshotMode.LOCAL).assertMatches(variant(GuardVariants.Variant.MODEL_ADDED), "variant");
        SynthesizedBackend oneShard = variant(GuardVariants.Variant.SAMPLE);
        for (SnapshotMode mode : List.of(SnapshotMode.LOCAL, SnapshotMode.CI)) {
            assertThatThrownBy(() -> kit(mode).assertMatches(oneShard, "variant")).as("%s", mode)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("variant-data-amplifyData-ModelShard18.json: the snapshot of a stack the"
                            + " backend no longer has")
                    .hasMessageNotContaining("variant-data-amplifyData-ModelShard38.json:");
        }
        assertThat(snapshots.resolve("variant-data-amplifyData-ModelShard18.json")).exists();
    }

    @Test
    void underCiAMissingSnapshotFailsNamingItAndNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> kit(SnapshotMode.CI).assertMatches(SAMPLE, "sample"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sample-auth.json: missing")
                .hasMessageContaining("sample-data-amplifyData-ModelShard38.json: missing")
                .hasMessageContaining("sample.snapshots.txt: missing");
        assertThat(snapshots).isEmptyDirectory();

        kit(SnapshotMode.LOCAL).assertMatches(SAMPLE, "sample");
        kit(SnapshotMode.CI).assertMatches(SAMPLE, "sample");
        Files.delete(snapshots.resolve("sample-storage.json"));
        assertThatThrownBy(() -> kit(SnapshotMode.CI).assertMatches(SAMPLE, "sample"))
                .hasMessageContaining("sample-storage.json: missing")
                .hasMessageNotContaining("sample-auth.json");
        assertThat(snapshots.resolve("sample-storage.json")).doesNotExist();

        kit(SnapshotMode.LOCAL).assertMatches(SAMPLE, "sample");
        Files.delete(snapshots.resolve("sample.snapshots.txt"));
        assertThatThrownBy(() -> kit(SnapshotMode.CI).assertMatches(SAMPLE, "sample"))
                .hasMessageContaining("sample.snapshots.txt: missing")
                .hasMessageNotContaining("sample-auth.json");
    }

    @Test
    void aSetFromBeforeTheListsGetsOneAndKeepsItsOtherFiles() throws Exception {
        kit(SnapshotMode.LOCAL).assertMatches(SAMPLE, "sample");
        Files.delete(snapshots.resolve("sample.snapshots.txt"));
        Files.writeString(snapshots.resolve("sample-data-amplifyData-ModelShard18.json"), "{}\n");

        kit(SnapshotMode.LOCAL).assertMatches(SAMPLE, "sample");

        assertThat(Files.readAllLines(snapshots.resolve("sample.snapshots.txt")).stream()
                .filter(line -> !line.startsWith("#"))).containsExactlyInAnyOrderElementsOf(snapshotFiles("sample",
                        SAMPLE));
        assertThat(snapshots.resolve("sample-data-amplifyData-ModelShard18.json")).as("not known to be the set's")
                .exists();

        Files.delete(snapshots.resolve("sample.snapshots.txt"));
        kit(SnapshotMode.UPDATE).assertMatches(SAMPLE, "sample");
        assertThat(snapshots.resolve("sample-data-amplifyData-ModelShard18.json")).as("nor by an update").exists();
        assertThat(snapshots.resolve("sample.snapshots.txt")).exists();
    }

    @Test
    void ciIsTheVariableSetToAnythingButFalseOrZero() {
        assertThat(ContinuousIntegration.detectedIn(Map.of("CI", "true"))).isTrue();
        assertThat(ContinuousIntegration.detectedIn(Map.of("CI", "1"))).isTrue();
        assertThat(ContinuousIntegration.detectedIn(Map.of("CI", "woodpecker"))).isTrue();
        assertThat(ContinuousIntegration.detectedIn(Map.of("CI", "false"))).isFalse();
        assertThat(ContinuousIntegration.detectedIn(Map.of("CI", "FALSE"))).isFalse();
        assertThat(ContinuousIntegration.detectedIn(Map.of("CI", "0"))).isFalse();
        assertThat(ContinuousIntegration.detectedIn(Map.of("CI", " "))).isFalse();
        assertThat(ContinuousIntegration.detectedIn(Map.of("BUILD_ID", "1"))).isFalse();
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
