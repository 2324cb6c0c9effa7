package dev.gen2.backend.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The existing Cognito resources a {@link ReferenceAuth} uses: Amplify's {@code referenceAuth} props, the Gen 1
 * {@code amplify import auth} case.
 *
 * @param userPoolId the user pool, such as {@code us-east-1_Ab12Cd34E}
 * @param userPoolClientId its web client (no secret)
 * @param identityPoolId the identity pool that trusts that pool and client
 * @param authRoleArn the identity pool's authenticated role
 * @param unauthRoleArn the identity pool's unauthenticated role
 * @param groups the user pool groups whose roles access rules may name, group name to role ARN
 */
public record ReferenceAuthSettings(String userPoolId, String userPoolClientId, String identityPoolId,
        String authRoleArn, String unauthRoleArn, Map<String, String> groups) {

    public ReferenceAuthSettings {
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ReferenceAuthSettings}. */
    public static final class Builder {
        private String userPoolId;
        private String userPoolClientId;
        private String identityPoolId;
        private String authRoleArn;
        private String unauthRoleArn;
        private final Map<String, String> groups = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder userPoolId(String id) {
            this.userPoolId = id;
            return this;
        }

        public Builder userPoolClientId(String id) {
            this.userPoolClientId = id;
            return this;
        }

        public Builder identityPoolId(String id) {
            this.identityPoolId = id;
            return this;
        }

        public Builder authRoleArn(String arn) {
            this.authRoleArn = arn;
            return this;
        }

        public Builder unauthRoleArn(String arn) {
            this.unauthRoleArn = arn;
            return this;
        }

        /** A group of the pool and its role, in the order groups should be listed. */
        public Builder group(String name, String roleArn) {
            groups.put(name, roleArn);
            return this;
        }

        public ReferenceAuthSettings build() {
            return new ReferenceAuthSettings(userPoolId, userPoolClientId, identityPoolId, authRoleArn,
                    unauthRoleArn, groups);
        }
    }
}
