package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.DeploymentType;
import dev.gen2.cli.Gen2Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's storage rules, evaluated: the sample deployed to a local AWS that serves S3 on aws-amplify's fixed
 * storage testing port ({@link LocalAws#AMPLIFY_STORAGE_TESTING_PORT}, so this IT must not run beside another that
 * uses it), then {@code storage-v6.test.mjs}: the real aws-amplify 6 storage APIs, each grant allowed and refused.
 */
class SampleStorageIT {
    private static final String STACK = "amplify-gen2sample-storage-sandbox-";
    private static Path work;
    private static LocalAws aws;

    @BeforeAll
    static void deployTheSample() throws Exception {
        work = Files.createDirectories(Path.of("target", "it", "storage-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        Path assembly = SampleAssembly.synth(work.resolve("assembly"), "storage", DeploymentType.SANDBOX, "");
        aws = LocalAws.start(LocalAws.Options.defaults().withStorageTestingPort());
        LocalCli cli = new LocalCli(aws);
        cli.bootstrap(assembly);
        cli.deploy(assembly, work.resolve("cdk-outputs.json"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_ACCESS_KEY);
        String stack = Files.readString(work.resolve("cdk-outputs.json")).replaceAll("(?s).*\"(" + STACK
                + "[0-9a-f]+)\".*", "$1");
        int exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "generate", "outputs",
                "--stack", stack, "--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString(),
                "--out-dir", work.resolve("outputs").toString());
        assertThat(exitCode).as("generate outputs:\n" + err).isZero();
        exitCode = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "generate", "outputs",
                "--stack", stack, "--region", LocalAws.REGION, "--endpoint-url", aws.endpoint().toString(),
                "--outputs-version", "0", "--out-dir", work.resolve("outputs").toString());
        assertThat(exitCode).as("generate outputs --outputs-version 0:\n" + err).isZero();
    }

    @AfterAll
    static void stopTheLocalAws() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void everyStorageGrantIsAllowedAndEveryOtherPathRefusedWithAwsAmplify6() throws Exception {
        NodeStory.run(aws, "storage-v6.test.mjs", "grace@example.com",
                Map.of("AMPLIFY_OUTPUTS", work.resolve("outputs/amplify_outputs.json")));
    }

    @Test
    void aUserUploadsListsAndReadsTheirOwnFilesWithAwsAmplify5() throws Exception {
        NodeStory.run(aws, "storage-v5.test.mjs", "heidi@example.com",
                Map.of("LEGACY_CONFIG", work.resolve("outputs/amplifyconfiguration.json")));
    }

    @Test
    void aSecondLocalAwsOnTheStoragePortFailsWithOneClearLine() {
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> LocalAws.start(
                LocalAws.Options.defaults().withStorageTestingPort()));
        assertThat(failure).hasMessageContaining("Port 20005").hasMessageContaining("is in use")
                .hasMessageNotContaining("\n");
    }
}
