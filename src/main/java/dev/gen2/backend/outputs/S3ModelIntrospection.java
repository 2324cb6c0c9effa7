package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads the model introspection document from S3, with the credentials the outputs are read with. */
public final class S3ModelIntrospection implements ModelIntrospectionSource {
    private final S3Client s3;

    public S3ModelIntrospection(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Object read(String s3Uri) {
        S3Location location = S3Location.parse(s3Uri);
        try {
            byte[] bytes = s3.getObjectAsBytes(request -> request.bucket(location.bucket())
                    .key(location.key())).asByteArray();
            return JsonText.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new BackendConfigException("data", "Cannot read the model introspection at " + s3Uri + ": "
                    + message + " (" + e.statusCode() + ").", "check that your credentials may read the CDK assets"
                    + " bucket, and that the stack's deploy finished.");
        } catch (IllegalArgumentException e) {
            throw new BackendConfigException("data", "The object at " + s3Uri + " is not a model introspection"
                    + " document (not JSON).", "redeploy the backend; the document is uploaded with the deploy.");
        }
    }
}
