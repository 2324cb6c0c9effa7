package dev.gen2.backend.auth;

import dev.gen2.backend.Required;
import dev.gen2.backend.Secret;
import software.amazon.awscdk.SecretValue;

/**
 * An external provider's client secret: a backend secret ({@code Secret.of("GOOGLE_CLIENT_SECRET")}, read from SSM
 * at deploy time, as Amplify's {@code secret()}), or any CDK {@link SecretValue} (Secrets Manager, say).
 */
public sealed interface ClientSecret {

    /** A backend secret, resolved at deploy time by the stack's secret fetcher. */
    record BackendSecret(Secret secret) implements ClientSecret {
    }

    /** A CDK secret value, resolved by CloudFormation. */
    record CdkSecretValue(SecretValue value) implements ClientSecret {
    }

    static ClientSecret of(Secret secret) {
        return new BackendSecret(required(secret));
    }

    static ClientSecret of(SecretValue value) {
        return new CdkSecretValue(required(value));
    }

    private static <T> T required(T secret) {
        return Required.argument(secret, "auth.loginWith.externalProviders", "The provider's secret",
                "give Secret.of(\"GOOGLE_CLIENT_SECRET\") (or another name), set with gen2 sandbox secret set.");
    }
}
