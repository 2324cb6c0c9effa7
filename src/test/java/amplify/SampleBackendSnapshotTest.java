package amplify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gen2.backend.AssetModes;
import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The sample backend's templates against the snapshots in {@code src/test/resources/snapshots}, normalized so
 * that asset hashes and the library version do not matter. Update them on purpose only:
 * {@code mvn test -Dtest=SampleBackendSnapshotTest -Dsnapshot.update=true}.
 */
class SampleBackendSnapshotTest {
    private static final Path SNAPSHOTS = Path.of("src", "test", "resources", "snapshots");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void sampleTemplatesMatchTheirSnapshots() throws IOException {
        Backend backend = BackendApp.define(TestBackends.app("gen2sample", "dev", DeploymentType.SANDBOX));
        Template root = TestBackends.template(backend.rootStack());
        assertMatchesSnapshot("sample-root.json", root);
        assertMatchesSnapshot("sample-auth.json", TestBackends.nestedTemplate(backend, "auth"));
        assertMatchesSnapshot("sample-storage.json", TestBackends.nestedTemplate(backend, "storage"));
        assertMatchesSnapshot("sample-function.json", TestBackends.nestedTemplate(backend, "function"));
        assertMatchesSnapshot("sample-data.json", TestBackends.nestedTemplate(backend, "data"));
        Stack todoStack = Stack.of(backend.get(amplify.data.DataConfig.DATA).tables().get("Todo"));
        assertMatchesSnapshot("sample-data-todo.json", TestBackends.template(todoStack));
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

    private static void assertMatchesSnapshot(String name, Template template) throws IOException {
        String actual = normalize(JSON.writeValueAsString(template.toJSON())) + "\n";
        Path file = SNAPSHOTS.resolve(name);
        if (Boolean.getBoolean("snapshot.update")) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("snapshot %s is missing: run mvn test -Dtest=SampleBackendSnapshotTest"
                + " -Dsnapshot.update=true and review it", name).exists();
        assertThat(actual).as("template differs from snapshot %s; if the change is intended, update it with"
                + " -Dsnapshot.update=true and say why in the commit", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Drops what changes without the backend changing: asset hashes and the library's version. */
    static String normalize(String template) {
        return template
                .replaceAll("[0-9a-f]{64}", "<asset-hash>")
                .replaceAll("gen2-backend-java@[0-9A-Za-z.-]+", "gen2-backend-java@<version>");
    }
}
