package amplify.functions.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.gen2.runtime.FunctionEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The sample's scheduled report, a Java function: counts the files under {@code reports/} in the media bucket,
 * whose name it is granted as {@code MEDIA_BUCKET_NAME}.
 */
public final class ReportHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final String PREFIX = "reports/";

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String bucket = FunctionEnvironment.get("MEDIA_BUCKET_NAME");
        try (S3Client s3 = S3Client.builder()
                // local emulators (an AWS_ENDPOINT_URL) serve buckets by path, not by host name
                .forcePathStyle(System.getenv("AWS_ENDPOINT_URL") != null)
                .build()) {
            List<String> keys = s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(PREFIX))
                    .contents().stream().map(S3Object::key).toList();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("bucket", bucket);
            report.put("reports", keys.size());
            report.put("keys", keys);
            return report;
        }
    }
}
