package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;

/** An {@code s3://bucket/key} address, as the data resource records its model introspection document's. */
public record S3Location(String bucket, String key) {

    /** Parses the address, or fails with a one-line error naming it (an unresolved token, say). */
    public static S3Location parse(String s3Uri) {
        String prefix = "s3://";
        int slash = s3Uri.indexOf('/', prefix.length());
        if (!s3Uri.startsWith(prefix) || slash < 0 || slash == prefix.length() || slash == s3Uri.length() - 1
                || !s3Uri.matches("s3://[a-z0-9][a-z0-9.-]{1,62}/[^\\s${}]+")) {
            throw new BackendConfigException("data", "The model introspection location '" + s3Uri
                    + "' is not an s3://bucket/key address.", "redeploy the backend with this version, and read"
                    + " the outputs of the deployed stack (not of a synthesized template).");
        }
        return new S3Location(s3Uri.substring(prefix.length(), slash), s3Uri.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
