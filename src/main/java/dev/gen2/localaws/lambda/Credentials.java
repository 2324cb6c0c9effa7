package dev.gen2.localaws.lambda;

import java.util.Objects;
import java.util.Optional;

/** The AWS credentials a function's SDK calls are signed with (the role's session on AWS). */
public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }
}
