package {{package}}.auth;

import dev.gen2.backend.auth.AuthResource;

/** Sign-up and sign-in with email and a one-time code, as Amplify's starter: {@code defineAuth}. */
public final class AuthConfig {
    public static final AuthResource.Factory AUTH = AuthResource.define(auth -> auth.loginWithEmail());

    private AuthConfig() {
    }
}
