package dev.gen2.backend.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.Backend;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.Secret;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.IdentityProvider.Google;
import dev.gen2.backend.auth.IdentityProvider.Oidc;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.SecretValue;

/** Every bad auth definition fails when it is defined, saying what, where and how to fix it. */
class AuthValidationTest {
    private static final SecretValue SECRET = SecretValue.unsafePlainText("secret");
    private static final ResourceFactory<FunctionProvider> NO_FUNCTION = backend -> {
        throw new IllegalStateException("never built");
    };

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                bad("auth.loginWith", "At least one of email or phone must be enabled.", a -> a.groups("ADMINS")),
                bad("auth.loginWith.email.verificationEmailBody", "Property 'verificationEmailBody' must utilize the"
                        + " 'code' parameter", a -> a.loginWithEmail(e -> e.verificationEmailBody("no code"))),
                bad("auth.loginWith.email.verificationEmailBody", "must utilize the 'link' parameter",
                        a -> a.loginWithEmail(e -> e.verificationEmailStyle(EmailLogin.VerificationStyle.LINK)
                                .verificationEmailBody("Code " + Placeholders.CODE))),
                bad("auth.loginWith.phone.verificationMessage", "Invalid phone settings. Property"
                        + " 'verificationMessage' must utilize the 'code'",
                        a -> a.loginWithPhone(PhoneLogin.withMessage("no code"))),
                bad("auth.multifactor", "SMS must be enabled in multiFactor if loginWith phone is enabled",
                        a -> a.loginWithPhone().multifactor(Multifactor.optional().totp())),
                bad("auth.multifactor.sms.smsMessage", "Property 'smsMessage' must utilize the 'code' parameter",
                        a -> a.loginWithEmail().multifactor(Multifactor.optional().sms("no code"))),
                bad("auth.multifactor", "MFA mode OPTIONAL needs at least one of totp, sms or email",
                        a -> a.loginWithEmail().multifactor(Multifactor.optional())),
                bad("auth.multifactor.email", "To enable email-based MFA",
                        a -> a.loginWithEmail().multifactor(Multifactor.optional().email())),
                bad("auth.multifactor", "cannot be used when MFA is set to REQUIRED",
                        a -> a.loginWithEmail(e -> e.otpLogin(true)).multifactor(Multifactor.required().totp())),
                bad("auth.senders", "KMS key ARN must be the same for both email and sms senders",
                        a -> a.loginWithEmail()
                                .emailSender(Senders.CustomSender.of(NO_FUNCTION).withKmsKeyArn("arn:aws:kms:a"))
                                .smsSender(Senders.CustomSender.of(NO_FUNCTION).withKmsKeyArn("arn:aws:kms:b"))),
                bad("auth.senders.sms", "Both externalId and snsCallerArn are required",
                        a -> a.loginWithPhone().smsSender(new Senders.SnsSms(java.util.Optional.empty(),
                                java.util.Optional.of("arn:aws:iam::1:role/x"), java.util.Optional.empty()))),
                bad("auth.loginWith.externalProviders.logoutUrls",
                        "You must define logoutUrls when configuring external login providers.",
                        a -> a.loginWithEmail().externalProviders(x -> x.google(Google.of("id", SECRET))
                                .callbackUrls("https://a.example.com/"))),
                bad("auth.loginWith.externalProviders.callbackUrls",
                        "You must define callbackUrls when configuring external login providers.",
                        a -> a.loginWithEmail().externalProviders(x -> x.google(Google.of("id", SECRET))
                                .logoutUrls("https://a.example.com/"))),
                bad("auth.loginWith.externalProviders", "The Google provider is configured twice",
                        a -> a.loginWithEmail().externalProviders(x -> x.google(Google.of("a", SECRET))
                                .google(Google.of("b", SECRET)).callbackUrls("https://a/").logoutUrls("https://a/"))),
                bad("auth.loginWith.externalProviders.oidc", "OIDC provider name 'Same' is used twice",
                        a -> a.loginWithEmail().externalProviders(x -> x
                                .oidc(Oidc.of("Same", "a", SECRET, "https://a.example.com"))
                                .oidc(Oidc.of("Same", "b", SECRET, "https://b.example.com"))
                                .callbackUrls("https://a/").logoutUrls("https://a/"))),
                bad("auth.loginWith.externalProviders.domainPrefix", "Invalid Cognito domain prefix 'My_Prefix'",
                        a -> a.loginWithEmail().externalProviders(x -> x.domainPrefix("My_Prefix"))),
                bad("auth.loginWith.externalProviders.customDomain", "is not in us-east-1",
                        a -> a.loginWithEmail().externalProviders(x -> x.customDomain("auth.example.com",
                                "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))),
                bad("auth.passwordlessOptions.preferredChallenge", "Preferred challenge \"SMS_OTP\" is not enabled in"
                        + " your authentication configuration. Enabled challenges: PASSWORD, EMAIL_OTP.",
                        a -> a.loginWithEmail(e -> e.otpLogin(true))
                                .preferredChallenge(AuthSettings.PreferredChallenge.SMS_OTP)),
                bad("auth.loginWith.webAuthn.relyingPartyId", "Must be a valid domain without protocol",
                        a -> a.loginWithEmail().loginWithWebAuthn(WebAuthn.forDomain("https://example.com"))),
                bad("auth.loginWith.webAuthn.relyingPartyId", "Must be a valid domain format",
                        a -> a.loginWithEmail().loginWithWebAuthn(WebAuthn.forDomain("-bad-.example"))),
                bad("auth.name", "Resource name contains invalid characters, found 9auth",
                        a -> a.name("9auth").loginWithEmail()),
                bad("auth.groups", "Group 'ADMINS' is listed twice", a -> a.loginWithEmail().groups("ADMINS", "ADMINS")),
                bad("auth.groups", "Invalid group name 'has space'", a -> a.loginWithEmail().groups("has space")),
                bad("auth.userAttributes['custom:team']", "Custom attribute 'team' is defined twice",
                        a -> a.loginWithEmail().customAttribute(CustomAttribute.string("team"))
                                .customAttribute(CustomAttribute.string("custom:team"))),
                bad("auth.userAttributes['custom:flag']", "Only String and Number custom attributes take bounds",
                        a -> a.loginWithEmail().customAttribute(CustomAttribute.bool("flag").bounds(0, 1))),
                bad("auth.access", "At least one action must be specified.",
                        a -> a.loginWithEmail().access(NO_FUNCTION)),
                bad("auth.passwordPolicy.minLength", "between 6 and 99, found 4",
                        a -> a.loginWithEmail().passwordPolicy(PasswordPolicy.AMPLIFY_DEFAULT.withMinLength(4))),
                bad("auth.tokenValidity.accessToken", "Must lie between PT5M and PT24H, found PT48H",
                        a -> a.loginWithEmail().tokenValidity(TokenValidity.cognitoDefaults()
                                .withAccessToken(Duration.ofHours(48)))),
                bad("auth.tokenValidity.refreshToken", "must last at least as long as the access and ID tokens",
                        a -> a.loginWithEmail().tokenValidity(TokenValidity.cognitoDefaults()
                                .withIdToken(Duration.ofHours(12)).withRefreshToken(Duration.ofHours(2)))),
                bad("auth.userAttributes", "The standard attribute is null.",
                        a -> a.loginWithEmail().userAttribute(null, true, true)),
                bad("auth.triggers.PRE_SIGN_UP", "The trigger function is null.",
                        a -> a.loginWithEmail().trigger(TriggerEvent.PRE_SIGN_UP, null)),
                bad("auth.triggers", "The trigger event is null.", a -> a.loginWithEmail().trigger(null, NO_FUNCTION)),
                bad("auth.access", "The function is null.", a -> a.loginWithEmail().access(null, AuthAction.GET_USER)),
                bad("auth.multifactor", "The MFA settings is null.", a -> a.loginWithEmail().multifactor(null)),
                bad("auth.loginWith.externalProviders", "The Google provider is null.",
                        a -> a.loginWithEmail().externalProviders(x -> x.google(null))),
                bad("auth.loginWith.externalProviders.callbackUrls", "A callback URL is null.",
                        a -> a.loginWithEmail().externalProviders(x -> x.callbackUrls("https://a/", null))),
                bad("auth.loginWith.phone.verificationMessage", "The message is null.",
                        a -> a.loginWithPhone(PhoneLogin.withMessage(null))),
                bad("auth.loginWith.externalProviders", "The Google provider's client id is null.",
                        a -> a.loginWithEmail().externalProviders(x -> x.google(Google.of(null, SECRET)))),
                bad("auth.loginWith.externalProviders", "The provider's secret is null.",
                        a -> a.loginWithEmail().externalProviders(x -> x.google(Google.of("id", (Secret) null)))),
                bad("auth.groups", "A group name is null.", a -> a.loginWithEmail().groups("ADMINS", null)),
                bad("auth.userAttributes", "The custom attribute's name is null.",
                        a -> a.loginWithEmail().customAttribute(CustomAttribute.string(null))),
                bad("auth.userAttributes['custom:email']", "Custom attribute 'email' has the name of the standard"
                        + " attribute email.", a -> a.loginWithEmail().customAttribute(CustomAttribute.string("email"))),
                badUrl("callbackUrls", "not a url", "'not a url' is not a URL Cognito accepts: illegal character in"
                        + " path at index 3."),
                badUrl("callbackUrls", "/callback", "'/callback' is not a URL Cognito accepts: it has no scheme"),
                badUrl("callbackUrls", "http://app.example.com/", "plain http is allowed for localhost only"),
                badUrl("callbackUrls", "https:///path", "'https:///path' is not a URL Cognito accepts: it has no host"),
                badUrl("callbackUrls", "https://app.example.com/#top", "it has a fragment (#...)"),
                badUrl("logoutUrls", "app.example.com", "'app.example.com' is not a URL Cognito accepts: it has no"
                        + " scheme"));
    }

    /** External providers whose callback or logout URLs hold one bad URL among good ones. */
    private static Arguments badUrl(String urls, String url, String message) {
        String good = "https://app.example.com/";
        return bad("auth.loginWith.externalProviders." + urls, message, a -> a.loginWithEmail()
                .externalProviders(x -> x.google(Google.of("id", SECRET))
                        .callbackUrls(good, "callbackUrls".equals(urls) ? url : good)
                        .logoutUrls(good, "logoutUrls".equals(urls) ? url : good)));
    }

    @Test
    void redirectUrlsMayBeHttpsLocalhostOrAnAppScheme() {
        assertThatCode(() -> AuthResource.define(a -> a.loginWithEmail().externalProviders(x -> x
                .google(Google.of("id", SECRET))
                .callbackUrls("https://app.example.com/callback?x=1", "http://localhost:3000/", "myapp://callback/",
                        "com.example.app://auth")
                .logoutUrls("http://localhost/", "myapp://signout/")))).doesNotThrowAnyException();
    }

    private static Arguments bad(String where, String message, UnaryOperator<AuthSettings.Builder> definition) {
        return Arguments.of(where, message, definition);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badDefinitions")
    void badDefinitionFailsWithAClearMessage(String where, String message,
            UnaryOperator<AuthSettings.Builder> definition) {
        TestBackends.assertConfigError(() -> AuthResource.define(definition), where, message);
    }

    @Test
    void aNullDefinitionIsAConfigError() {
        TestBackends.assertConfigError(() -> AuthResource.define((UnaryOperator<AuthSettings.Builder>) null), "auth",
                "The definition is null.");
    }

    @Test
    void autoRelyingPartyFailsInAStandaloneDeployment() {
        AuthResource.Factory factory = AuthResource.define(a -> a.loginWithEmail().loginWithWebAuthn(WebAuthn.auto()));
        assertThatThrownBy(() -> Backend.define(TestBackends.app("app", "prod", DeploymentType.STANDALONE), factory))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("WebAuthn relyingPartyId \"AUTO\" is not supported for standalone deployments");
    }

    @Test
    void twoAuthResourcesInOneBackendAreRefused() {
        assertThatThrownBy(() -> TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()),
                AuthResource.define(a -> a.loginWithPhone())))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Multiple auth resources are not allowed within a backend");
    }
}
