package dev.gen2.backend.outputs;

import amplify.data.DataConfig;
import dev.gen2.backend.Backend;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.AuthSettings;
import dev.gen2.backend.auth.CustomAttribute;
import dev.gen2.backend.auth.EmailLogin;
import dev.gen2.backend.auth.IdentityProvider;
import dev.gen2.backend.auth.Multifactor;
import dev.gen2.backend.auth.Placeholders;
import dev.gen2.backend.auth.Senders;
import dev.gen2.backend.auth.StandardAttribute;
import dev.gen2.backend.auth.WebAuthn;
import dev.gen2.backend.data.AuthProvider;
import dev.gen2.backend.data.AuthorizationModes;
import dev.gen2.backend.data.DataResource;
import dev.gen2.testing.FakeDeployment;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.assertions.Template;

/** Backends synthesized and "deployed" with fake ids, as the outputs tests read them. */
final class SynthesizedBackends {

    private SynthesizedBackends() {
    }

    /** {@code defineAuth({ loginWith: { email: true } })}. */
    static BackendOutput emailOnly() {
        return deploy(AuthResource.define(a -> a.loginWithEmail()));
    }

    /**
     * Email with a custom code message and phone login, optional SMS and TOTP MFA, a required preferred username, a
     * custom attribute, two groups, Google and an OIDC provider with callback and logout URLs.
     */
    static BackendOutput fullAuth() {
        return deploy(AuthResource.define(a -> a
                .loginWithEmail(e -> e.verificationEmailStyle(EmailLogin.VerificationStyle.CODE)
                        .verificationEmailSubject("Welcome to TestApp - verify your email")
                        .verificationEmailBody("Use this code to confirm your account: " + Placeholders.CODE))
                .loginWithPhone()
                .externalProviders(x -> x
                        .google(IdentityProvider.Google.of("google-client-id", SecretValue.unsafePlainText("s"))
                                .withScopes("email", "profile", "openid"))
                        .oidc(IdentityProvider.Oidc.of("Corporate", "oidc-id", SecretValue.unsafePlainText("s"),
                                "https://login.example.com"))
                        .callbackUrls("http://localhost:3000/profile", "https://www.example.com/profile")
                        .logoutUrls("http://localhost:3000/", "https://www.example.com/"))
                .multifactor(Multifactor.optional().sms().totp())
                .userAttribute(StandardAttribute.PREFERRED_USERNAME, true, true)
                .customAttribute(CustomAttribute.string("display_name").bounds(1, 64))
                .groups("ADMINS", "EDITORS")));
    }

    /** Email one-time codes and passkeys, email MFA through SES. */
    static BackendOutput passwordless() {
        return deploy(AuthResource.define(a -> a
                .loginWithEmail(e -> e.otpLogin(true))
                .loginWithWebAuthn(WebAuthn.auto())
                .preferredChallenge(AuthSettings.PreferredChallenge.EMAIL_OTP)
                .multifactor(Multifactor.optional().totp().email())
                .emailSender(Senders.SesEmail.from("no-reply@example.com"))));
    }

    /** The sample's data schema, with the API key as an additional mode, over email auth. */
    static final DataResource.Factory DATA = DataResource.define(d -> d.schema(DataConfig.SCHEMA)
            .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.USER_POOLS)
                    .apiKey(AuthorizationModes.ApiKey.defaults())));

    /** Email auth and the sample's data with an API key; read its model introspection from {@link #DATA}. */
    static BackendOutput withData() {
        return deploy(AuthResource.define(a -> a.loginWithEmail()), DATA);
    }

    /** The model introspection a deployed {@link #DATA} would store. */
    static ModelIntrospectionSource dataIntrospection() {
        Map<String, Object> introspection = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()), DATA)
                .get(DATA).modelIntrospection();
        return uri -> introspection;
    }

    /** The email-only backend with the user's own outputs added. */
    static BackendOutput withCustomOutputs(Consumer<Backend> addOutputs) {
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()));
        addOutputs.accept(backend);
        return read(TestBackends.template(backend.rootStack()));
    }

    static BackendOutput deploy(ResourceFactory<?>... factories) {
        return read(TestBackends.template(TestBackends.sandbox(factories).rootStack()));
    }

    /** The outputs grouped by the template's metadata, as they are read back from a deployed stack. */
    static BackendOutput read(Template root) {
        return FakeDeployment.backendOutput(root);
    }
}
