package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * The local inbox: every message the local Cognito sends, with the pool's own subject and body, at
 * {@link LocalAws#inboxUrl()} as a page and as JSON, each announced on one line of the logs consumer.
 */
class LocalAwsInboxTest {
    private static final String PASSWORD = "Passw0rd!long";
    private static final String CODE = LocalAws.CONFIRMATION_CODE;
    private static final List<String> LOGS = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;
    private static LocalAwsApi api;
    private static CognitoIdentityProviderClient cognito;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAws.start(LocalAws.Options.defaults().withLogs(LOGS::add));
        api = new LocalAwsApi(aws);
        cognito = api.configure(CognitoIdentityProviderClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        if (cognito != null) {
            cognito.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void signUpResendAndForgottenPasswordArriveWithThePoolsTemplateAndAreAnnounced() throws Exception {
        String clientId = emailPool("templated", "Your <Notes> code",
                "Hello & welcome: your code is {####}.").clientId();
        signUp(clientId, "ann@example.com");
        cognito.resendConfirmationCode(request -> request.clientId(clientId).username("ann@example.com"));
        cognito.confirmSignUp(request -> request.clientId(clientId).username("ann@example.com")
                .confirmationCode(CODE));
        cognito.forgotPassword(request -> request.clientId(clientId).username("ann@example.com"));

        List<JsonNode> messages = api.inbox("ann@example.com");
        assertThat(messages).extracting(message -> message.path("kind").asText())
                .as("newest first").containsExactly("forgot-password", "resend", "sign-up");
        JsonNode signUp = messages.get(2);
        assertThat(signUp.path("to").asText()).isEqualTo("ann@example.com");
        assertThat(signUp.path("medium").asText()).isEqualTo("EMAIL");
        assertThat(signUp.path("kindText").asText()).isEqualTo("sign-up code");
        assertThat(signUp.path("subject").asText()).isEqualTo("Your <Notes> code");
        assertThat(signUp.path("body").asText()).isEqualTo("Hello & welcome: your code is " + CODE + ".");
        assertThat(signUp.path("code").asText()).isEqualTo(CODE);
        assertThat(signUp.path("triggerSource").asText()).isEqualTo("CustomMessage_SignUp");
        assertThat(signUp.path("userPoolId").asText()).startsWith(LocalAws.REGION + "_");
        assertThat(signUp.path("username").asText()).isNotBlank();
        assertThat(signUp.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(signUp.path("id").asInt()).isLessThan(messages.get(0).path("id").asInt());
        assertThat(messages.get(0).path("subject").asText()).isEqualTo("Your password reset code");
        assertThat(messages.get(0).path("body").asText()).isEqualTo("Your password reset code is " + CODE + ". ");

        awaitLogs("[inbox] sign-up code " + CODE + " to ann@example.com",
                "[inbox] sign-up code (resent) " + CODE + " to ann@example.com",
                "[inbox] password reset code " + CODE + " to ann@example.com");
        assertThat(LOGS).noneMatch(line -> line.contains(LocalAws.TERMINAL_MARK));
    }

    @Test
    void theToParameterKeepsOneRecipientsMessagesWhateverTheCase() throws Exception {
        String clientId = emailPool("filtered", null, null).clientId();
        signUp(clientId, "bea@example.com");
        signUp(clientId, "cid@example.com");

        assertThat(api.inbox("BEA@example.com")).extracting(message -> message.path("to").asText())
                .containsExactly("bea@example.com");
        assertThat(api.inbox("nobody@example.com")).isEmpty();
        assertThat(api.inbox(null)).extracting(message -> message.path("to").asText())
                .contains("bea@example.com", "cid@example.com");
        JsonNode latest = api.inbox("cid@example.com").get(0);
        assertThat(latest.path("subject").asText()).as("Cognito's default").isEqualTo("Your verification code");
        assertThat(latest.path("body").asText()).isEqualTo("Your verification code is " + CODE + ". ");
    }

    @Test
    void anAdministratorsInvitationAndPasswordResetArrive() throws Exception {
        Pool pool = emailPool("admin", null, null);
        String clientId = pool.clientId();
        String poolId = pool.id();
        cognito.adminCreateUser(request -> request.userPoolId(poolId).username("dan@example.com")
                .temporaryPassword("Temp0rary!pass").userAttributes(attribute("email", "dan@example.com"),
                        attribute("email_verified", "true")));
        JsonNode invitation = api.inbox("dan@example.com").get(0);
        assertThat(invitation.path("kind").asText()).isEqualTo("admin-invitation");
        assertThat(invitation.path("code").asText()).isEqualTo("Temp0rary!pass");
        assertThat(invitation.path("subject").asText()).isEqualTo("Your temporary password");
        assertThat(invitation.path("body").asText()).contains("temporary password is Temp0rary!pass");
        awaitLogs("[inbox] invitation with a temporary password Temp0rary!pass to dan@example.com");

        signUp(clientId, "eli@example.com");
        cognito.confirmSignUp(request -> request.clientId(clientId).username("eli@example.com")
                .confirmationCode(CODE));
        cognito.adminResetUserPassword(request -> request.userPoolId(poolId).username("eli@example.com"));
        JsonNode reset = api.inbox("eli@example.com").get(0);
        assertThat(reset.path("kind").asText()).isEqualTo("admin-reset-password");
        assertThat(reset.path("code").asText()).isEqualTo(CODE);
        cognito.confirmForgotPassword(request -> request.clientId(clientId).username("eli@example.com")
                .confirmationCode(reset.path("code").asText()).password("N3w!password"));
    }

    @Test
    void anSmsMfaSignInSendsItsCodeByTextAndTakesOnlyThatCode() throws Exception {
        Pool pool = emailPool("sms-mfa", null, null);
        String clientId = pool.clientId();
        String poolId = pool.id();
        cognito.signUp(request -> request.clientId(clientId).username("fay@example.com").password(PASSWORD)
                .userAttributes(attribute("email", "fay@example.com"), attribute("phone_number", "+15555550123")));
        cognito.confirmSignUp(request -> request.clientId(clientId).username("fay@example.com")
                .confirmationCode(CODE));
        cognito.adminSetUserMFAPreference(request -> request.userPoolId(poolId).username("fay@example.com")
                .smsMfaSettings(settings -> settings.enabled(true).preferredMfa(true)));

        InitiateAuthResponse challenge = cognito.initiateAuth(request -> request.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "fay@example.com", "PASSWORD", PASSWORD)));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SMS_MFA);
        assertThat(challenge.challengeParameters()).containsEntry("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS")
                .containsEntry("CODE_DELIVERY_DESTINATION", "+*******0123");
        JsonNode sms = api.inbox("+15555550123").get(0);
        assertThat(sms.path("kind").asText()).isEqualTo("mfa-sms");
        assertThat(sms.path("medium").asText()).isEqualTo("SMS");
        assertThat(sms.path("subject").isNull()).as("an SMS has no subject").isTrue();
        assertThat(sms.path("body").asText()).isEqualTo("Your authentication code is " + CODE + ". ");
        awaitLogs("[inbox] sign-in code " + CODE + " to +15555550123");
        HttpResponse<String> typed = HTTP.send(HttpRequest.newBuilder(URI.create(aws.inboxUrl() + "?to=+15555550123"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(typed.body()).as("a phone number's + typed as it is, not encoded")
                .contains("\"to\": \"+15555550123\"");

        assertThatThrownBy(() -> cognito.respondToAuthChallenge(request -> request.clientId(clientId)
                .challengeName(ChallengeNameType.SMS_MFA).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "fay@example.com", "SMS_MFA_CODE", "000000"))))
                .isInstanceOf(CodeMismatchException.class)
                .hasMessageStartingWith("Invalid code or auth state for the user.");
        assertThat(cognito.respondToAuthChallenge(request -> request.clientId(clientId)
                .challengeName(ChallengeNameType.SMS_MFA).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "fay@example.com", "SMS_MFA_CODE", sms.path("code").asText())))
                .authenticationResult().accessToken()).isNotBlank();
        assertThatThrownBy(() -> cognito.respondToAuthChallenge(request -> request.clientId(clientId)
                .challengeName(ChallengeNameType.SMS_MFA).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "fay@example.com", "SMS_MFA_CODE", sms.path("code").asText()))))
                .as("a session is used once").isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Invalid session for the user.");
    }

    @Test
    void aChangedEmailIsUnverifiedUntilTheCodeSentToItIsEntered() throws Exception {
        // usernames, not e-mail addresses: moto finds a signed-in user by the name it signed in with
        String clientId = usernamePool("attributes").clientId();
        String accessToken = signedIn(clientId, "gus");

        assertThat(cognito.updateUserAttributes(request -> request.accessToken(accessToken)
                .userAttributes(attribute("email", "gus@example.net"))).codeDeliveryDetailsList())
                .singleElement().satisfies(details -> assertThat(details.destination()).isEqualTo("g***@e***"));
        assertThat(attributes(accessToken)).containsEntry("email", "gus@example.net")
                .containsEntry("email_verified", "false");
        JsonNode update = api.inbox("gus@example.net").get(0);
        assertThat(update.path("kind").asText()).isEqualTo("attribute-update");
        assertThat(update.path("triggerSource").asText()).isEqualTo("CustomMessage_UpdateUserAttribute");

        assertThatThrownBy(() -> cognito.verifyUserAttribute(request -> request.accessToken(accessToken)
                .attributeName("email").code("999999"))).isInstanceOf(CodeMismatchException.class)
                .hasMessageStartingWith("Invalid verification code provided, please try again.");
        cognito.getUserAttributeVerificationCode(request -> request.accessToken(accessToken).attributeName("email"));
        JsonNode verification = api.inbox("gus@example.net").get(0);
        assertThat(verification.path("kind").asText()).isEqualTo("attribute-verification");
        cognito.verifyUserAttribute(request -> request.accessToken(accessToken).attributeName("email")
                .code(verification.path("code").asText()));
        assertThat(attributes(accessToken)).containsEntry("email_verified", "true");
    }

    @Test
    void aPoolThatKeepsTheOriginalKeepsTheVerifiedEmailUntilTheNewOneIsVerified() throws Exception {
        // Amplify's keepOriginal, on every pool this project deploys
        String poolId = cognito.createUserPool(request -> request.poolName("keep-original")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .userAttributeUpdateSettings(settings -> settings.attributesRequireVerificationBeforeUpdateWithStrings(
                        "email"))).userPool().id();
        String clientId = withClient(poolId).clientId();
        String accessToken = signedIn(clientId, "ivy");

        assertThat(cognito.updateUserAttributes(request -> request.accessToken(accessToken)
                .userAttributes(attribute("email", "ivy@example.net"))).codeDeliveryDetailsList())
                .singleElement().satisfies(details -> assertThat(details.destination()).isEqualTo("i***@e***"));
        assertThat(attributes(accessToken)).as("the verified e-mail stays until the new one is verified")
                .containsEntry("email", "ivy@example.com").containsEntry("email_verified", "true");
        JsonNode sent = api.inbox("ivy@example.net").get(0);
        assertThat(sent.path("kind").asText()).isEqualTo("attribute-update");

        cognito.verifyUserAttribute(request -> request.accessToken(accessToken).attributeName("email")
                .code(sent.path("code").asText()));
        assertThat(attributes(accessToken)).containsEntry("email", "ivy@example.net")
                .containsEntry("email_verified", "true");
    }

    @Test
    void thePageShowsTheMessagesEscapedWithTheCodeStoodOut() throws Exception {
        String clientId = emailPool("page", "<script>alert('subject')</script>",
                "<b>bold</b> & your code: {####}").clientId();
        signUp(clientId, "hal@example.com");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(aws.inboxUrl()
                + "?to=hal@example.com")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<meta http-equiv=\"refresh\"")
                .contains("&lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt;")
                .contains("&lt;b&gt;bold&lt;/b&gt; &amp; your code: <mark class=\"code\">" + CODE + "</mark>")
                .contains("<strong class=\"code\">" + CODE + "</strong>")
                .contains("hal@example.com").doesNotContain("<script>").doesNotContain("<b>bold");
        assertThat(aws.inboxUrl().toString()).isEqualTo(aws.endpoint() + "/_gen2/inbox");
    }

    @Test
    void theMessagesAreKeptAcrossARestartWithTheRestOfTheState() throws Exception {
        Path state = Files.createTempDirectory("inbox-state");
        LocalAws.Options options = new LocalAws.Options(OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), Optional.of(state), line -> { });
        try (LocalAws first = LocalAws.start(options);
                CognitoIdentityProviderClient client = new LocalAwsApi(first)
                        .configure(CognitoIdentityProviderClient.builder()).build()) {
            String poolId = client.createUserPool(request -> request.poolName("kept")
                    .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
            String clientId = client.createUserPoolClient(request -> request.userPoolId(poolId).clientName("web"))
                    .userPoolClient().clientId();
            client.signUp(request -> request.clientId(clientId).username("ivy").password(PASSWORD)
                    .userAttributes(attribute("email", "ivy@example.com")));
        }
        try (LocalAws second = LocalAws.start(options)) {
            assertThat(new LocalAwsApi(second).inbox("ivy@example.com"))
                    .extracting(message -> message.path("kind").asText()).containsExactly("sign-up");
        }
    }

    private record Pool(String id, String clientId) {
    }

    private static Pool emailPool(String name, String subject, String message) {
        String poolId = cognito.createUserPool(request -> {
            request.poolName(name).usernameAttributes(UsernameAttributeType.EMAIL)
                    .autoVerifiedAttributes(VerifiedAttributeType.EMAIL);
            if (subject != null) {
                request.verificationMessageTemplate(template -> template.emailSubject(subject).emailMessage(message));
            }
        }).userPool().id();
        return withClient(poolId);
    }

    private static Pool usernamePool(String name) {
        return withClient(cognito.createUserPool(request -> request.poolName(name)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id());
    }

    private static Pool withClient(String poolId) {
        return new Pool(poolId, cognito.createUserPoolClient(request -> request.userPoolId(poolId).clientName("web")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId());
    }

    /** The announcements reach the logs consumer from the server's output, a moment after the call. */
    /** Signs up, confirms and signs in {@code <username>@example.com} as {@code username}; its access token. */
    private static String signedIn(String clientId, String username) {
        cognito.signUp(request -> request.clientId(clientId).username(username).password(PASSWORD)
                .userAttributes(attribute("email", username + "@example.com")));
        cognito.confirmSignUp(request -> request.clientId(clientId).username(username).confirmationCode(CODE));
        return cognito.initiateAuth(request -> request.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))).authenticationResult()
                .accessToken();
    }

    private static void awaitLogs(String... lines) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!LOGS.containsAll(List.of(lines)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(LOGS).contains(lines);
    }

    private static void signUp(String clientId, String email) {
        cognito.signUp(request -> request.clientId(clientId).username(email).password(PASSWORD)
                .userAttributes(attribute("email", email)));
    }

    private static Map<String, String> attributes(String accessToken) {
        return cognito.getUser(request -> request.accessToken(accessToken)).userAttributes().stream()
                .collect(java.util.stream.Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
