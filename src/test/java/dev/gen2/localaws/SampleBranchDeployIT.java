package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.outputs.JsonText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sample backend as a branch environment on the local AWS: deployed, given data, then destroyed. What the
 * README says a branch keeps (its pools, tables and buckets, with their data) is still there; the rest is gone.
 */
class SampleBranchDeployIT {

    @Test
    void destroyingABranchKeepsItsPoolsTablesAndBucketsAndRemovesTheRest() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it", "branch-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        Path assembly = SampleAssembly.synth(work, "main", DeploymentType.BRANCH, "");
        try (LocalAws aws = LocalAws.start()) {
            LocalCli cli = new LocalCli(aws);
            LocalAwsApi api = new LocalAwsApi(aws);
            cli.bootstrap(assembly);
            Path outputsFile = work.resolve("cdk-outputs.json");
            cli.deploy(assembly, outputsFile);
            @SuppressWarnings("unchecked")
            Map<String, String> outputs = (Map<String, String>) JsonText.parseObject(Files.readString(outputsFile,
                    StandardCharsets.UTF_8)).values().iterator().next();
            assertThat(outputs).containsEntry("deploymentType", "branch");
            String bucket = outputs.get("bucketName");
            try (S3Client s3 = api.configure(S3Client.builder()).forcePathStyle(true).build()) {
                s3.putObject(request -> request.bucket(bucket).key("public/kept.txt"), RequestBody.fromString("kept"));
            }
            String table = api.tables().get(0);
            assertThat(table).startsWith("Todo-").endsWith("-main");

            cli.destroy(assembly);

            assertThat(api.liveStacks()).isEmpty();
            assertThat(api.tables()).as("branch tables are retained").containsExactly(table);
            assertThat(api.buckets()).as("branch buckets are retained").contains(bucket);
            try (S3Client s3 = api.configure(S3Client.builder()).forcePathStyle(true).build()) {
                assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("public/kept.txt"))
                        .asUtf8String()).isEqualTo("kept");
            }
            assertThat(api.userPoolIds()).as("a branch keeps its user pool").containsExactly(outputs.get("userPoolId"));
            assertThat(api.identityPoolIds()).as("and its identity pool").containsExactly(
                    outputs.get("identityPoolId"));
        }
    }
}
