package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads the model introspection document from S3, with the credentials the outputs are read with. */
public final class S3ModelIntrospection implements ModelIntrospectionSource {
    private final S3Client s3;

    public S3ModelIntrospection(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Object read(String s3Uri) {
        URI uri = URI.create(s3Uri);
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath().length() < 2) {
            throw new BackendConfigException("data", "The model introspection location '" + s3Uri
                    + "' is not an s3://bucket/key address.", "redeploy the backend with this version.");
        }
        try {
            byte[] bytes = s3.getObjectAsBytes(request -> request.bucket(uri.getHost())
                    .key(uri.getPath().substring(1))).asByteArray();
            return JsonText.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new BackendConfigException("data", "Cannot read the model introspection at " + s3Uri + ": "
                    + e.getMessage(), "check that your credentials may read the CDK assets bucket, and that the"
                    + " stack's deploy finished.");
        }
    }
}
