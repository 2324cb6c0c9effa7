package dev.gen2.localaws;

import dev.gen2.backend.Backend;
import dev.gen2.backend.Secret;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.IdentityProvider.Google;
import software.amazon.awscdk.App;

/** A backend whose Google sign-in takes its client secret from a backend secret, for the secret refresh test. */
public final class GoogleSignInBackend {
    static final String SECRET = "GOOGLE_CLIENT_SECRET";

    private GoogleSignInBackend() {
    }

    public static Backend define(App app) {
        return Backend.define(app, AuthResource.define(auth -> auth.loginWithEmail().externalProviders(x -> x
                .google(Google.of("google-client-id", Secret.of(SECRET)))
                .callbackUrls("http://localhost:3000/").logoutUrls("http://localhost:3000/"))));
    }

    public static void main(String[] args) {
        App app = new App();
        define(app);
        app.synth();
    }
}
