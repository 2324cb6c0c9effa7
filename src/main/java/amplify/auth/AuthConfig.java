package amplify.auth;

import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.Multifactor;
import dev.gen2.backend.auth.Placeholders;

/** The sample backend's auth: email sign-up with a one-time code, the ADMINS group, optional TOTP MFA. */
public final class AuthConfig {
    public static final AuthResource.Factory AUTH = AuthResource.define(auth -> auth
            .loginWithEmail(email -> email
                    .verificationEmailSubject("Welcome! Verify your email")
                    .verificationEmailBody("Your verification code is " + Placeholders.CODE))
            .multifactor(Multifactor.optional().totp())
            .groups("ADMINS"));

    private AuthConfig() {
    }
}
