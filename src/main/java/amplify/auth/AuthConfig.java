package amplify.auth;

import amplify.functions.FunctionConfig;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.Multifactor;
import dev.gen2.backend.auth.Placeholders;
import dev.gen2.backend.auth.TriggerEvent;

/**
 * The sample backend's auth: email sign-up with a one-time code, the ADMINS group, optional TOTP MFA, and a
 * post-confirmation trigger.
 */
public final class AuthConfig {
    public static final AuthResource.Factory AUTH = AuthResource.define(auth -> auth
            .loginWithEmail(email -> email
                    .verificationEmailSubject("Welcome! Verify your email")
                    .verificationEmailBody("Your verification code is " + Placeholders.CODE))
            .multifactor(Multifactor.optional().totp())
            .groups("ADMINS")
            .trigger(TriggerEvent.POST_CONFIRMATION, FunctionConfig.POST_CONFIRMATION));

    private AuthConfig() {
    }
}
