package dev.gen2.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.CdkCli;
import dev.gen2.deploy.CdkToolkit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guard's table of replacing properties is what its generator makes from the sources this build installs:
 * cfn-lint's resource schemas and the CDK service specification inside the pinned CDK CLI. When either changes,
 * this test fails with the command that regenerates the table.
 */
class ReplacingPropertiesTest {

    @Test
    void theTableMatchesTheResourceSchemasAndTheCdkServiceSpecification() throws Exception {
        Path database = cdkCliPackage().resolve("db.json.gz");
        assertThat(database).as("the CDK service specification in aws-cdk@" + CdkToolkit.CLI_VERSION).exists();
        List<String> command = new ArrayList<>(List.of("python3", "src/main/scripts/replacing-properties.py",
                database.toString()));
        Arrays.stream(StatefulType.values()).map(StatefulType::cloudFormationType).forEach(command::add);
        CdkCli.Result generated = CdkCli.Processes.run(Path.of("."), command, Map.of(), Duration.ofMinutes(2));
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        String committed;
        try (InputStream in = ReplacingProperties.class.getResourceAsStream(ReplacingProperties.RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(generated.output()).as("regenerate with: " + String.join(" ", command) + " > src/main/resources/"
                + "dev/gen2/guard/" + ReplacingProperties.RESOURCE).isEqualTo(committed);
    }

    @Test
    void theSourcesMarkWhatTheGuardReliesOn() {
        assertThat(ReplacingProperties.of(StatefulType.TABLE)).containsEntry("KeySchema", List.of("cdk-service-spec"))
                .containsEntry("TableName", List.of("resource-schema", "cdk-service-spec"));
        assertThat(ReplacingProperties.of(StatefulType.BUCKET)).containsKey("BucketName");
        assertThat(ReplacingProperties.of(StatefulType.USER_POOL_CLIENT)).containsKeys("GenerateSecret",
                "UserPoolId");
        // neither source marks anything on a user pool: CognitoUpdateRules covers what Cognito refuses
        assertThat(ReplacingProperties.of(StatefulType.USER_POOL)).isEmpty();
    }

    /** The directory of the pinned CDK CLI's npm package, installed by npx if it is not yet. */
    private static Path cdkCliPackage() throws IOException, InterruptedException {
        CdkCli.Result located = CdkCli.Processes.run(Path.of("."), List.of("npx", "--yes", "-p", "aws-cdk@"
                + CdkToolkit.CLI_VERSION, "-c", "command -v cdk"), Map.of(), Duration.ofMinutes(5));
        assertThat(located.exitCode()).as(located.output()).isZero();
        Path bin = Path.of(located.output().strip().lines().reduce((first, last) -> last).orElseThrow());
        return bin.toRealPath().getParent().getParent();
    }
}
