package amplify.functions.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.localaws.LocalAws;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The sample's Java function run from its Lambda package ({@code target/lambda/functions.zip}, unpacked as Lambda
 * unpacks it) in a JVM of its own, against moto's server: it reads its bucket's name from SSM and lists the reports.
 */
class ReportHandlerTest {
    private static final String PARAMETER = "/amplify/resource_reference/gen2sample/dev-sandbox-438a5a44fd/MEDIA_BUCKET_NAME";

    @TempDir
    Path unpacked;

    @Test
    void countsTheReportsOfTheBucketItIsGranted() throws Exception {
        try (LocalAws moto = LocalAws.start()) {
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("testing", "testing"));
            try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                    .endpointOverride(moto.endpoint()).forcePathStyle(true).credentialsProvider(credentials).build();
                    SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create())
                            .region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                            .credentialsProvider(credentials).build()) {
                s3.createBucket(request -> request.bucket("media-bucket"));
                for (String key : List.of("reports/2026-11.csv", "reports/2026-12.csv", "public/logo.png")) {
                    s3.putObject(request -> request.bucket("media-bucket").key(key), RequestBody.fromString("x"));
                }
                ssm.putParameter(request -> request.name(PARAMETER).value("media-bucket").type(ParameterType.STRING));
            }
            String output = runFromPackage(Map.of(
                    "AMPLIFY_SSM_ENV_CONFIG", "{\"MEDIA_BUCKET_NAME\":{\"path\":\"" + PARAMETER + "\"}}",
                    "MEDIA_BUCKET_NAME", "<value will be resolved during runtime>",
                    "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "testing",
                    "AWS_SECRET_ACCESS_KEY", "testing"));
            assertThat(output.trim()).isEqualTo("{bucket=media-bucket, reports=2, keys=[reports/2026-11.csv,"
                    + " reports/2026-12.csv]}");
        }
    }

    private String runFromPackage(Map<String, String> environment) throws IOException, InterruptedException {
        unzip(Path.of("target", "lambda", "functions.zip"), unpacked);
        List<String> classpath = new ArrayList<>(List.of(unpacked.toString(), Path.of("target", "test-classes")
                .toString()));
        try (var jars = Files.list(unpacked.resolve("lib"))) {
            jars.forEach(jar -> classpath.add(jar.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), InvokeLocally.class.getName())
                .redirectError(unpacked.resolve("stderr.txt").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(unpacked.resolve("stderr.txt"))).isZero();
        return output;
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
            }
        }
    }
}
