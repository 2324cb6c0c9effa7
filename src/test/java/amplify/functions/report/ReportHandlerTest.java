package amplify.functions.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.function.packaging.JavaFunctionPackage;
import dev.gen2.backend.function.packaging.JavaFunctionPackager;
import dev.gen2.backend.function.packaging.LambdaJavaRuntime;
import dev.gen2.localaws.LocalAws;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The sample's Java function run from its own Lambda package (what the synth packages for it), in Lambda's Java
 * runtime interface client with the package alone on its classpath, against moto's server: it reads its bucket's
 * name from SSM and lists the reports.
 */
class ReportHandlerTest {
    private static final String PARAMETER = "/amplify/resource_reference/gen2sample/dev-sandbox-438a5a44fd/MEDIA_BUCKET_NAME";

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
            JavaFunctionPackage report = JavaFunctionPackager.build("function 'report'.javaHandler",
                    ReportHandler.class, 21);
            LambdaJavaRuntime.Invocation invocation = LambdaJavaRuntime.invoke(report.zip(),
                    ReportHandler.class.getName() + "::handleRequest", "{}", Map.of(
                            "AMPLIFY_SSM_ENV_CONFIG", "{\"MEDIA_BUCKET_NAME\":{\"path\":\"" + PARAMETER + "\"}}",
                            "MEDIA_BUCKET_NAME", "<value will be resolved during runtime>",
                            "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                            "AWS_REGION", "us-east-1",
                            "AWS_ACCESS_KEY_ID", "testing",
                            "AWS_SECRET_ACCESS_KEY", "testing"));
            assertThat(invocation.failed()).as(invocation.response() + "\n" + invocation.log()).isFalse();
            assertThat(invocation.response()).isEqualTo("{\"bucket\":\"media-bucket\",\"reports\":2,\"keys\":"
                    + "[\"reports/2026-11.csv\",\"reports/2026-12.csv\"]}");
        }
    }
}
