package dev.gen2.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.deploy.BackendSynthesizer;
import dev.gen2.guard.GuardVariants.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard over a matrix of variants of the sample, each deployed-then-changed pair synthesized for real and
 * compared as a branch backend: the verdict, the resource, the change and the reason it names.
 */
class DataLossGuardTest {
    private static final Map<String, Path> ASSEMBLIES = new HashMap<>();
    @TempDir
    static Path work;

    /** A row: from one variant to another, the expected findings as "change type reason-fragment" (empty: pass). */
    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of(Variant.SAMPLE, Variant.SAMPLE, List.of()),
                Arguments.of(Variant.SAMPLE, Variant.MODEL_ADDED, List.of()),
                Arguments.of(Variant.SAMPLE, Variant.CUSTOM_ATTRIBUTE_ADDED, List.of()),
                Arguments.of(Variant.SAMPLE, Variant.AUTH_RENAMED, List.of(
                        "DELETED USER_POOL renamed or moved: a new user pool",
                        "DELETED USER_POOL_CLIENT renamed or moved: a new user pool app client",
                        "DELETED IDENTITY_POOL renamed or moved: a new identity pool",
                        "DELETED USER_POOL_GROUP renamed or moved: a new user pool group")),
                Arguments.of(Variant.SAMPLE, Variant.LOGIN_WITH_PHONE, List.of(
                        "UPDATE_FAILS USER_POOL UsernameAttributes changes")),
                Arguments.of(Variant.SAMPLE, Variant.REQUIRED_ATTRIBUTE_ADDED, List.of(
                        "UPDATE_FAILS USER_POOL Schema: the attribute given_name is added as required")),
                Arguments.of(Variant.CUSTOM_ATTRIBUTE_ADDED, Variant.SAMPLE, List.of(
                        "UPDATE_FAILS USER_POOL Schema: the custom attribute department is removed")),
                Arguments.of(Variant.SAMPLE, Variant.MODEL_IDENTIFIER_CHANGED, List.of(
                        "UPDATE_FAILS TABLE KeySchema changes, and a change to it creates a new resource"
                                + " (cdk-service-spec); CloudFormation cannot replace a resource whose name is given"
                                + " (TableName)")),
                Arguments.of(Variant.SAMPLE, Variant.GROUP_RENAMED, List.of(
                        "DELETED USER_POOL_GROUP renamed or moved: a new user pool group")),
                Arguments.of(Variant.SAMPLE, Variant.BUCKET_RENAMED, List.of(
                        "DELETED BUCKET renamed or moved: a new S3 bucket")),
                Arguments.of(Variant.MODEL_ADDED, Variant.SAMPLE, List.of(
                        "DELETED TABLE it is no longer in the backend")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("matrix")
    void aBranchBackendIsRefusedExactlyTheChangesThatLoseData(Variant deployed, Variant changed,
            List<String> expected) {
        List<Finding> findings = DataLossCheck.compare(StackTemplates.fromAssembly(assembly(deployed,
                DeploymentType.BRANCH)), StackTemplates.fromAssembly(assembly(changed, DeploymentType.BRANCH)));
        assertThat(findings).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Finding finding = findings.get(i);
            assertThat(finding.change() + " " + finding.type() + " " + finding.reason()).startsWith(expected.get(i));
        }
        DataLossGuard guard = new DataLossGuard(DataLossGuard.Baseline.assembly(assembly(deployed,
                DeploymentType.BRANCH)), List.of(), line -> { });
        if (expected.isEmpty()) {
            assertThat(guard.check(assembly(changed, DeploymentType.BRANCH)).passes()).isTrue();
        } else {
            assertThatThrownBy(() -> guard.check(assembly(changed, DeploymentType.BRANCH)))
                    .isInstanceOf(BackendConfigException.class)
                    .hasMessageStartingWith("check amplify-guardapp-main-branch-")
                    .hasMessageContaining("Refused: deploying this to the branch backend would lose data or fail:")
                    .hasMessageContaining(findings.get(0).address())
                    .hasMessageContaining(" Safe way: ");
            // --allow-replacement is offered exactly for what it can let through
            assertThat(findings).allSatisfy(finding -> assertThat(finding.message().contains("--allow-replacement "
                    + finding.address())).isEqualTo(finding.change() != Finding.Change.UPDATE_FAILS));
        }
    }

    @Test
    void theRenamedPoolsMessageSaysWhatIsLostAndHowToKeepIt() {
        List<Finding> findings = DataLossCheck.compare(StackTemplates.fromAssembly(assembly(Variant.SAMPLE,
                DeploymentType.BRANCH)), StackTemplates.fromAssembly(assembly(Variant.AUTH_RENAMED,
                        DeploymentType.BRANCH)));
        Finding pool = findings.get(0);
        assertThat(pool.address()).matches("auth[0-9A-F]{8}/amplifyAuthUserPool[0-9A-F]{8}");
        // branch pools are retained: the message says the data stays in the account but the backend loses it
        assertThat(pool.message()).contains("user pool " + pool.address() + " (auth/amplifyAuth/UserPool/Resource)"
                + " would leave the backend (renamed or moved: a new user pool auth")
                .containsPattern("a new user pool auth[0-9A-F]{8}/myAuth\\w*UserPool[0-9A-F]{8} takes its place")
                .contains("its DeletionPolicy Retain keeps it in the account, but the backend would go on without"
                        + " every user in it")
                .contains("Safe way: keep the name and place it was defined with");
    }

    @Test
    void aSandboxIsWarnedAndDeploys() {
        List<String> lines = new ArrayList<>();
        DataLossGuard guard = new DataLossGuard(DataLossGuard.Baseline.assembly(assembly(Variant.SAMPLE,
                DeploymentType.SANDBOX)), List.of(), lines::add);
        DataLossGuard.Verdict verdict = guard.check(assembly(Variant.AUTH_RENAMED, DeploymentType.SANDBOX));
        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.warned()).hasSize(4);
        assertThat(lines).anyMatch(line -> line.startsWith("[gen2] warning: user pool ")
                && line.contains("would be deleted") && line.contains("every user in it"));
    }

    @Test
    void aChangeThatWouldFailIsRefusedInASandboxTooAndCannotBeAllowed() {
        Path deployed = assembly(Variant.SAMPLE, DeploymentType.SANDBOX);
        Path phone = assembly(Variant.LOGIN_WITH_PHONE, DeploymentType.SANDBOX);
        String pool = DataLossCheck.compare(StackTemplates.fromAssembly(deployed), StackTemplates.fromAssembly(phone))
                .get(0).address();
        assertThatThrownBy(() -> new DataLossGuard(DataLossGuard.Baseline.assembly(deployed), List.of(pool),
                line -> { }).check(phone))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Refused: deploying this to the sandbox backend would lose data or fail:")
                .hasMessageContaining("cannot take this change (UsernameAttributes changes")
                .hasMessageContaining("A sandbox can start over instead: gen2 sandbox delete, then deploy.")
                .hasMessageNotContaining("To do it on purpose");
    }

    @Test
    void allowReplacementLetsTheNamedResourceThroughAndOnlyIt() {
        Path deployed = assembly(Variant.SAMPLE, DeploymentType.BRANCH);
        Path renamed = assembly(Variant.BUCKET_RENAMED, DeploymentType.BRANCH);
        String bucket = DataLossCheck.compare(StackTemplates.fromAssembly(deployed),
                StackTemplates.fromAssembly(renamed)).get(0).address();
        List<String> lines = new ArrayList<>();
        DataLossGuard.Verdict verdict = new DataLossGuard(DataLossGuard.Baseline.assembly(deployed),
                List.of(bucket, "somethingElse"), lines::add).check(renamed);
        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.allowed()).extracting(Finding::address).containsExactly(bucket);
        assertThat(lines).anyMatch(line -> line.startsWith("[gen2] check: allowed by --allow-replacement: S3 bucket "
                + bucket));
        assertThat(lines).contains("[gen2] check: --allow-replacement somethingElse names no resource this deploy"
                + " deletes or replaces.");
        // naming it by logical id or construct path works too; naming another resource does not
        String logicalId = bucket.substring(bucket.indexOf('/') + 1);
        assertThat(new DataLossGuard(DataLossGuard.Baseline.assembly(deployed), List.of(logicalId), line -> { })
                .check(renamed).passes()).isTrue();
        assertThat(new DataLossGuard(DataLossGuard.Baseline.assembly(deployed), List.of("storage/media/Bucket"),
                line -> { }).check(renamed).passes()).isTrue();
        assertThatThrownBy(() -> new DataLossGuard(DataLossGuard.Baseline.assembly(deployed),
                List.of("auth/amplifyAuth/UserPool"), line -> { }).check(renamed))
                .hasMessageContaining("S3 bucket " + bucket);
    }

    @Test
    void aBackendNotDeployedYetHasNothingToLose() {
        List<String> lines = new ArrayList<>();
        DataLossGuard.Verdict verdict = new DataLossGuard(stackName -> java.util.Optional.empty(), List.of(),
                lines::add).check(assembly(Variant.AUTH_RENAMED, DeploymentType.BRANCH));
        assertThat(verdict.passes()).isTrue();
        assertThat(lines).singleElement().asString().endsWith("is not deployed yet; nothing to lose.");
    }

    @Test
    void checkCommandExitsOneOnARefusalAndZeroOtherwise() {
        Path deployed = assembly(Variant.SAMPLE, DeploymentType.BRANCH);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int refused = dev.gen2.cli.Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "check",
                "--assembly", assembly(Variant.MODEL_IDENTIFIER_CHANGED, DeploymentType.BRANCH).toString(),
                "--baseline", deployed.toString());
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: check amplify-guardapp-main-branch-")
                .contains("DynamoDB table ").contains("cannot take this change (KeySchema changes")
                .doesNotContain("Exception");
        StringWriter passOut = new StringWriter();
        int passed = dev.gen2.cli.Gen2Cli.run(new PrintWriter(passOut, true), new PrintWriter(new StringWriter(),
                true), "check", "--assembly", assembly(Variant.MODEL_ADDED, DeploymentType.BRANCH).toString(),
                "--baseline", deployed.toString());
        assertThat(passed).isZero();
        assertThat(passOut.toString()).contains("[gen2] check: no stateful resource (user pool, user pool group,"
                + " identity pool, user pool app client, DynamoDB table, DynamoDB global table, S3 bucket) is deleted"
                + " or replaced.");
    }

    @Test
    void aBaselineThatIsNotAnAssemblyIsOneClearLine() throws IOException {
        Path empty = Files.createDirectories(work.resolve("not-an-assembly"));
        StringWriter err = new StringWriter();
        int code = dev.gen2.cli.Gen2Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "check", "--assembly", assembly(Variant.SAMPLE, DeploymentType.BRANCH).toString(), "--baseline",
                empty.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("error: " + empty + ": Cannot read ").contains("manifest.json")
                .doesNotContain("\n");
    }

    @Test
    void theStackNameGivesTheDeploymentType() {
        assertThat(DataLossGuard.deploymentType("amplify-app1-main-branch-0123456789")).isEqualTo(DeploymentType.BRANCH);
        assertThat(DataLossGuard.deploymentType("amplify-proj-me-sandbox-0123456789"))
                .isEqualTo(DeploymentType.SANDBOX);
        assertThat(DataLossGuard.deploymentType("my-own-stack")).isEqualTo(DeploymentType.STANDALONE);
    }

    /** The assembly of a variant as a backend of the given type, synthesized once per test run. */
    static synchronized Path assembly(Variant variant, DeploymentType type) {
        return ASSEMBLIES.computeIfAbsent(variant.value() + "-" + type.value(), key -> new BackendSynthesizer(
                GuardVariants.class.getName(), Map.of(GuardVariants.VARIANT_KEY, variant.value()))
                .synth(DataLossGuardTest.class.getClassLoader(), new BackendId("guardapp", "main", type), Map.of(),
                        work.resolve(key)));
    }
}
