package dev.gen2.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gen2.backend.Backend;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.ResourceFactory;
import dev.gen2.backend.ResourceNames;
import dev.gen2.backend.Secret;
import dev.gen2.backend.SecurityCheckSuppressions;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.IdentityProvider.Facebook;
import dev.gen2.backend.auth.IdentityProvider.Google;
import dev.gen2.backend.auth.IdentityProvider.LoginWithAmazon;
import dev.gen2.backend.auth.IdentityProvider.Oidc;
import dev.gen2.backend.auth.IdentityProvider.Saml;
import dev.gen2.backend.auth.IdentityProvider.SignInWithApple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

class AuthOptionsTest {

    private record Synthesized(Template auth, Template root) {
    }

    private static Synthesized synth(UnaryOperator<AuthSettings.Builder> definition) {
        return synth(DeploymentType.SANDBOX, AuthResource.define(definition));
    }

    private static Synthesized synth(DeploymentType type, ResourceFactory<?>... factories) {
        Backend backend = Backend.define(TestBackends.app("testapp", "dev", type), factories);
        return new Synthesized(TestBackends.nestedTemplate(backend, "auth"), TestBackends.template(backend.rootStack()));
    }

    /** A Node.js function in the auth stack, as a trigger or sender (the function resource comes later). */
    private static ResourceFactory<FunctionProvider> function(String id) {
        return function(id, AuthResource.RESOURCE_GROUP);
    }

    private static ResourceFactory<FunctionProvider> function(String id, String resourceGroup) {
        return backend -> {
            Stack stack = backend.stackFor(resourceGroup, "function-Lambda");
            Function fn = Function.Builder.create(stack, id).runtime(Runtime.NODEJS_24_X).handler("index.handler")
                    .code(Code.fromInline("exports.handler = async (event) => event;")).build();
            return () -> fn;
        };
    }

    @Test
    void emailAndPhoneLoginRequireBothAndRecoverByEmail() {
        Synthesized s = synth(a -> a.loginWithEmail().loginWithPhone());
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "UsernameAttributes", List.of("email", "phone_number"),
                "AutoVerifiedAttributes", List.of("email", "phone_number"),
                "Schema", Match.arrayWith(List.of(
                        Map.of("Name", "email", "Required", true, "Mutable", true),
                        Map.of("Name", "phone_number", "Required", true, "Mutable", true))),
                "AccountRecoverySetting", Map.of("RecoveryMechanisms",
                        List.of(Map.of("Name", "verified_email", "Priority", 1))),
                "SmsConfiguration", Match.objectLike(Map.of("SnsCallerArn", Match.anyValue()))));
        s.auth.resourceCountIs("AWS::IAM::Role", 3);
        s.root.hasOutput("signupAttributes", Map.of("Value", "[\"email\",\"phone_number\"]"));
        s.root.hasOutput("usernameAttributes", Map.of("Value", "[\"email\",\"phone_number\"]"));
    }

    @Test
    void phoneOnlyLoginRecoversByPhoneWithItsMessage() {
        Synthesized s = synth(a -> a.loginWithPhone(PhoneLogin.withMessage("Code: " + Placeholders.CODE)));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "UsernameAttributes", List.of("phone_number"),
                "SmsVerificationMessage", "Code: {####}",
                "AccountRecoverySetting", Map.of("RecoveryMechanisms",
                        List.of(Map.of("Name", "verified_phone_number", "Priority", 1)))));
    }

    @Test
    void emailVerificationByLinkWithSubjectAndInvitation() {
        Synthesized s = synth(a -> a.loginWithEmail(e -> e
                .verificationEmailStyle(EmailLogin.VerificationStyle.LINK)
                .verificationEmailSubject("Confirm")
                .verificationEmailBody("Click " + Placeholders.link("here"))
                .userInvitation("Welcome", "Hi " + Placeholders.USERNAME + ", use " + Placeholders.CODE,
                        "Your username is " + Placeholders.USERNAME + " and password " + Placeholders.CODE)));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "VerificationMessageTemplate", Match.objectLike(Map.of(
                        "DefaultEmailOption", "CONFIRM_WITH_LINK",
                        "EmailMessageByLink", "Click {##here##}",
                        "EmailSubjectByLink", "Confirm")),
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false, "InviteMessageTemplate", Map.of(
                        "EmailSubject", "Welcome",
                        "EmailMessage", "Hi {username}, use {####}",
                        "SMSMessage", "Your username is {username} and password {####}"))));
    }

    @Test
    void optionalMfaWithSmsAndTotp() {
        Synthesized s = synth(a -> a.loginWithEmail().loginWithPhone()
                .multifactor(Multifactor.optional().totp().sms("MFA code " + Placeholders.CODE)));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "MfaConfiguration", "OPTIONAL",
                "EnabledMfas", List.of("SMS_MFA", "SOFTWARE_TOKEN_MFA"),
                "SmsAuthenticationMessage", "MFA code {####}"));
        s.root.hasOutput("mfaConfiguration", Map.of("Value", "OPTIONAL"));
        s.root.hasOutput("mfaTypes", Map.of("Value", "[\"SMS\",\"TOTP\"]"));
    }

    @Test
    void requiredMfaIsOnAndEmailMfaUsesSes() {
        Synthesized s = synth(a -> a.loginWithEmail().multifactor(Multifactor.required().totp().email())
                .emailSender(Senders.SesEmail.from("no-reply@example.com").withFromName("Example")
                        .withReplyTo("help@example.com")));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "MfaConfiguration", "ON",
                "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA", "EMAIL_OTP"),
                "EmailConfiguration", Match.objectLike(Map.of(
                        "EmailSendingAccount", "DEVELOPER",
                        "From", "Example <no-reply@example.com>",
                        "ReplyToEmailAddress", "help@example.com"))));
        s.root.hasOutput("mfaConfiguration", Map.of("Value", "ON"));
        s.root.hasOutput("mfaTypes", Map.of("Value", "[\"TOTP\",\"EMAIL\"]"));
    }

    @Test
    void standardAndCustomAttributes() {
        Synthesized s = synth(a -> a.loginWithEmail()
                .userAttribute(StandardAttribute.PREFERRED_USERNAME, true, true)
                .userAttribute(StandardAttribute.GIVEN_NAME, false, false)
                .customAttribute(CustomAttribute.string("custom:display_name").bounds(1, 64))
                .customAttribute(CustomAttribute.number("level").bounds(0, 10).mutable(false))
                .customAttribute(CustomAttribute.bool("beta"))
                .customAttribute(CustomAttribute.dateTime("joined")));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("Schema", Match.arrayWith(List.of(
                Map.of("Name", "email", "Required", true, "Mutable", true),
                Map.of("Name", "preferred_username", "Required", true, "Mutable", true),
                Map.of("Name", "given_name", "Required", false, "Mutable", false),
                Map.of("Name", "display_name", "AttributeDataType", "String", "Mutable", true,
                        "StringAttributeConstraints", Map.of("MinLength", "1", "MaxLength", "64")),
                Map.of("Name", "level", "AttributeDataType", "Number", "Mutable", false,
                        "NumberAttributeConstraints", Map.of("MinValue", "0", "MaxValue", "10")),
                Map.of("Name", "beta", "AttributeDataType", "Boolean", "Mutable", true),
                Map.of("Name", "joined", "AttributeDataType", "DateTime", "Mutable", true)))));
        s.root.hasOutput("signupAttributes", Map.of("Value", "[\"email\",\"preferred_username\"]"));
    }

    @Test
    void groupsGetRolesAndPrecedenceInOrder() {
        Synthesized s = synth(a -> a.loginWithEmail().groups("ADMINS", "EDITORS"));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "ADMINS", "Precedence", 0,
                "RoleArn", Map.of("Fn::GetAtt", List.of("amplifyAuthADMINSGroupRole474FA206", "Arn"))));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "EDITORS", "Precedence", 1));
        s.auth.resourceCountIs("AWS::IAM::Role", 4);
        s.root.hasOutput("groups", Map.of("Value", "[{\"ADMINS\":{\"precedence\":0}},{\"EDITORS\":{\"precedence\":1}}]"));
    }

    @Test
    void triggersRunFunctions() {
        Synthesized s = synth(a -> a.loginWithEmail()
                .trigger(TriggerEvent.PRE_SIGN_UP, function("PreSignUp"))
                .trigger(TriggerEvent.POST_CONFIRMATION, function("PostConfirmation")));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("LambdaConfig", Map.of(
                "PreSignUp", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("PreSignUp.*"), "Arn")),
                "PostConfirmation", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("PostConfirmation.*"),
                        "Arn")))));
        s.auth.resourceCountIs("AWS::Lambda::Permission", 2);
        s.auth.hasResourceProperties("AWS::Lambda::Permission", Map.of("Principal", "cognito-idp.amazonaws.com"));
    }

    @Test
    void accessRulesGrantCognitoActionsAndPassThePoolIdThroughSsm() {
        ResourceFactory<FunctionProvider> admin = function("AdminTasks", "function");
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()
                .access(admin, AuthAction.MANAGE_GROUP_MEMBERSHIP, AuthAction.ADD_USER_TO_GROUP, AuthAction.GET_USER)));
        Template auth = TestBackends.nestedTemplate(backend, "auth");
        Template functions = TestBackends.nestedTemplate(backend, "function");
        TestBackends.template(backend.rootStack());
        String path = "/amplify/resource_reference/testapp/dev-sandbox-1a98428f66/AMPLIFY_AUTH_USERPOOL_ID";
        auth.hasResourceProperties("AWS::SSM::Parameter", Map.of("Type", "String", "Name", path,
                "Value", Map.of("Ref", "amplifyAuthUserPool4BA7F805")));
        assertThat(auth.findResources("AWS::IAM::Policy").keySet()).singleElement().asString()
                .startsWith("userpoolAccess1");
        auth.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "PolicyDocument", Map.of("Statement", List.of(Map.of("Effect", "Allow",
                        "Action", List.of("cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminRemoveUserFromGroup",
                                "cognito-idp:AdminGetUser"),
                        "Resource", Map.of("Fn::GetAtt", List.of("amplifyAuthUserPool4BA7F805", "Arn"))))),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(".*AdminTasksServiceRole.*")))));
        functions.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Map.of(
                "AMPLIFY_AUTH_USERPOOL_ID", "<value will be resolved during runtime>",
                "AMPLIFY_SSM_ENV_CONFIG", "{\"AMPLIFY_AUTH_USERPOOL_ID\":{\"path\":\"" + path + "\"}}"))));
        functions.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Effect", "Allow", "Action", "ssm:GetParameters",
                        "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":ssm:", Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"),
                                ":parameter" + path))))))));
    }

    @Test
    void accessNeedsAFunctionWithItsOwnRole() {
        ResourceFactory<FunctionProvider> imported = backend -> () -> Function.fromFunctionArn(
                backend.stackFor("function", "function-Lambda"), "Imported",
                "arn:aws:lambda:us-east-1:123456789012:function:elsewhere");
        assertThatThrownBy(() -> TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()
                .access(imported, AuthAction.GET_USER))))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageContaining("Access can only be granted to a function made in this backend");
    }

    @Test
    void variableNamesAreScreamingSnakeCaseOfTheAuthName() {
        assertThat(ResourceNames.screamingSnakeCase("amplifyAuth")).isEqualTo("AMPLIFY_AUTH");
        assertThat(ResourceNames.screamingSnakeCase("my-Auth2 x")).isEqualTo("MY_AUTH2_X");
    }

    @Test
    void accountRecoveryCanBeChosen() {
        Synthesized s = synth(a -> a.loginWithEmail().loginWithPhone()
                .accountRecovery(AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("AccountRecoverySetting", Map.of(
                "RecoveryMechanisms", List.of(Map.of("Name", "verified_phone_number", "Priority", 1),
                        Map.of("Name", "verified_email", "Priority", 2)))));
        Synthesized legacy = synth(a -> a.loginWithEmail().accountRecovery(AccountRecovery.PHONE_AND_EMAIL));
        legacy.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("AccountRecoverySetting", Match.absent()));
    }

    @Test
    void snsSenderUsesTheGivenRoleAndExternalId() {
        Synthesized s = synth(a -> a.loginWithPhone().smsSender(Senders.SnsSms
                .withRole("arn:aws:iam::123456789012:role/sms", "ext-123").inRegion("us-west-2")));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("SmsConfiguration", Map.of(
                "SnsCallerArn", "arn:aws:iam::123456789012:role/sms", "ExternalId", "ext-123",
                "SnsRegion", "us-west-2")));
        s.auth.resourceCountIs("AWS::IAM::Role", 2);
    }

    @Test
    void customEmailSenderGetsARotatingKeyAndTheTrigger() {
        Synthesized s = synth(a -> a.loginWithEmail()
                .emailSender(Senders.CustomSender.of(function("EmailSender"))));
        s.auth.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("LambdaConfig", Map.of(
                "CustomEmailSender", Map.of("LambdaArn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("EmailSender.*"), "Arn")), "LambdaVersion", "V1_0"),
                "KMSKeyID", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("CustomSenderKey.*"), "Arn")))));
    }

    @Test
    void customSmsSenderUsesTheKeyItIsGiven() {
        String keyArn = "arn:aws:kms:us-east-1:123456789012:key/abc";
        Synthesized s = synth(a -> a.loginWithPhone()
                .smsSender(Senders.CustomSender.of(function("SmsSender")).withKmsKeyArn(keyArn)));
        s.auth.resourceCountIs("AWS::KMS::Key", 0);
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("LambdaConfig", Map.of(
                "CustomSMSSender", Map.of("LambdaArn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("SmsSender.*"), "Arn")), "LambdaVersion", "V1_0"),
                "KMSKeyID", keyArn)));
    }

    @Test
    void passwordlessSignInWithEmailCodesAndPasskeys() {
        Synthesized s = synth(a -> a.loginWithEmail(e -> e.otpLogin(true)).loginWithWebAuthn(WebAuthn.auto())
                .preferredChallenge(AuthSettings.PreferredChallenge.EMAIL_OTP));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "Policies", Match.objectLike(Map.of("SignInPolicy", Map.of("AllowedFirstAuthFactors",
                        List.of("PASSWORD", "EMAIL_OTP", "WEB_AUTHN")))),
                "WebAuthnRelyingPartyID", "localhost",
                "WebAuthnUserVerification", "preferred"));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of("ExplicitAuthFlows",
                List.of("ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH")));
        s.root.hasOutput("passwordlessOptions", Map.of("Value", "{\"emailOtpEnabled\":true,\"smsOtpEnabled\":false,"
                + "\"webAuthn\":{\"relyingPartyId\":\"localhost\",\"userVerification\":\"preferred\"},"
                + "\"preferredChallenge\":\"EMAIL_OTP\"}"));
    }

    @Test
    void aFixedRelyingPartyWarnsThatChangingItInvalidatesPasskeys() {
        Backend backend = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail()
                .loginWithWebAuthn(WebAuthn.forDomain("app.example.com"))));
        Stack authStack = (Stack) backend.rootStack().getNode().findChild("auth");
        Annotations.fromStack(backend.rootStack()).hasWarning("*",
                Match.stringLikeRegexp(".*Changing this value after deployment will invalidate all existing passkeys.*"));
        TestBackends.template(authStack).hasResourceProperties("AWS::Cognito::UserPool",
                Map.of("WebAuthnRelyingPartyID", "app.example.com"));
    }

    @Test
    void aPlainTextProviderSecretWarnsThatItIsInTheTemplate() {
        Backend plain = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail().externalProviders(x -> x
                .google(Google.of("google-id", SecretValue.unsafePlainText("google-secret")))
                .callbackUrls("https://app.example.com/").logoutUrls("https://app.example.com/"))));
        Annotations.fromStack(plain.rootStack()).hasWarning("*", Match.stringLikeRegexp("The Google provider's"
                + " secret is written into the template in plain text \\(SecretValue.unsafePlainText\\).*Use"
                + " Secret.of\\(\"GOOGLE_CLIENT_SECRET\"\\) instead.*"));
        Backend referenced = TestBackends.sandbox(AuthResource.define(a -> a.loginWithEmail().externalProviders(x -> x
                .google(Google.of("google-id", Secret.of("GOOGLE_CLIENT_SECRET")))
                .facebook(Facebook.of("fb-id", SecretValue.secretsManager("facebook-secret")))
                .callbackUrls("https://app.example.com/").logoutUrls("https://app.example.com/"))));
        Annotations.fromStack(referenced.rootStack()).hasNoWarning("*", Match.stringLikeRegexp(".*plain text.*"));
    }

    @Test
    void autoRelyingPartyInABranchIsTheAmplifyHostingDomain() {
        Synthesized s = synth(DeploymentType.BRANCH, AuthResource.define(a -> a.loginWithEmail()
                .loginWithWebAuthn(WebAuthn.auto().withUserVerification(WebAuthn.UserVerification.REQUIRED))));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "WebAuthnRelyingPartyID", "dev.testapp.amplifyapp.com", "WebAuthnUserVerification", "required"));
    }

    @Test
    void externalProvidersRegisterWithThePoolTheIdentityPoolAndTheHostedUi() {
        Synthesized s = synth(a -> a.loginWithEmail().externalProviders(x -> x
                .google(Google.of("google-id", SecretValue.unsafePlainText("google-secret")).withScopes("email")
                        .withAttributeMapping(Map.of("given_name", "given_name")))
                .oidc(Oidc.of("MyOidc", "oidc-id", SecretValue.unsafePlainText("oidc-secret"),
                        "https://issuer.example.com"))
                .oidc(Oidc.of("Legacy", "legacy-id", SecretValue.unsafePlainText("legacy-secret"),
                        "https://legacy.example.com").withAttributeRequestMethod(Oidc.RequestMethod.POST)
                        .withScopes("openid", "email").withIdentifiers("legacy.example.com")
                        .withEndpoints(new Oidc.Endpoints("https://legacy.example.com/authorize",
                                "https://legacy.example.com/token", "https://legacy.example.com/userinfo",
                                "https://legacy.example.com/jwks")))
                .saml(Saml.fromUrl("MySaml", "https://idp.example.com/metadata"))
                .callbackUrls("http://localhost:3000/", "https://app.example.com/")
                .logoutUrls("http://localhost:3000/signout")
                .scopes(OAuthScope.EMAIL, OAuthScope.OPENID)));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of("ProviderType", "Google",
                "ProviderName", "Google",
                "AttributeMapping", Map.of("email", "email", "given_name", "given_name")));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of("ProviderType", "OIDC",
                "ProviderName", "MyOidc", "AttributeMapping", Map.of("email", "email")));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of("ProviderType", "SAML",
                "ProviderName", "MySaml", "AttributeMapping", Match.absent()));
        String prefix = new BackendId("testapp", "dev", DeploymentType.SANDBOX).stableHash();
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", prefix));
        s.auth.hasResourceProperties("AWS::Cognito::IdentityPool", Map.of("SupportedLoginProviders",
                Map.of("accounts.google.com", "google-id")));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "CallbackURLs", List.of("http://localhost:3000/", "https://app.example.com/"),
                "LogoutURLs", List.of("http://localhost:3000/signout"),
                "AllowedOAuthScopes", List.of("email", "openid"),
                "SupportedIdentityProviders", Match.arrayWith(List.of("COGNITO"))));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of("ProviderType", "OIDC",
                "ProviderName", "Legacy", "IdpIdentifiers", List.of("legacy.example.com"),
                "ProviderDetails", Match.objectLike(Map.of("attributes_request_method", "POST",
                        "authorize_scopes", "openid email",
                        "authorize_url", "https://legacy.example.com/authorize",
                        "token_url", "https://legacy.example.com/token",
                        "attributes_url", "https://legacy.example.com/userinfo",
                        "jwks_uri", "https://legacy.example.com/jwks"))));
        s.root.hasOutput("socialProviders", Map.of("Value", "[\"GOOGLE\",\"MyOidc\",\"Legacy\",\"MySaml\"]"));
        s.root.hasOutput("oauthCognitoDomain", Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                prefix + ".auth.", Map.of("Ref", "AWS::Region"), ".amazoncognito.com")))));
        s.root.hasOutput("oauthRedirectSignIn", Map.of("Value", "http://localhost:3000/,https://app.example.com/"));
        s.root.hasOutput("oauthRedirectSignOut", Map.of("Value", "http://localhost:3000/signout"));
        s.root.hasOutput("oauthScope", Map.of("Value", "[\"email\",\"openid\"]"));
    }

    @Test
    void backendSecretsAreFetchedAtDeployTimeAndNeverWritten() {
        Synthesized s = synth(a -> a.loginWithEmail().externalProviders(x -> x
                .google(Google.of("google-id", Secret.of("GOOGLE_CLIENT_SECRET")))
                .oidc(Oidc.of("Corporate", "oidc-id", Secret.of("OIDC_SECRET"), "https://login.example.com"))
                .callbackUrls("https://app.example.com/").logoutUrls("https://app.example.com/")));
        s.auth.resourceCountIs("Custom::AmplifySecretFetcherResource", 1);
        s.auth.hasResourceProperties("Custom::AmplifySecretFetcherResource", Map.of(
                "namespace", "testapp", "name", "dev", "type", "sandbox",
                "secrets", List.of(
                        Map.of("name", "GOOGLE_CLIENT_SECRET",
                                "path", "/amplify/testapp/dev-sandbox-1a98428f66/GOOGLE_CLIENT_SECRET",
                                "sharedPath", "/amplify/shared/testapp/GOOGLE_CLIENT_SECRET"),
                        Map.of("name", "OIDC_SECRET",
                                "path", "/amplify/testapp/dev-sandbox-1a98428f66/OIDC_SECRET",
                                "sharedPath", "/amplify/shared/testapp/OIDC_SECRET"))));
        String fetcher = s.auth.findResources("Custom::AmplifySecretFetcherResource").keySet().iterator().next();
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of("ProviderType", "Google",
                "ProviderDetails", Match.objectLike(Map.of("client_secret",
                        Map.of("Fn::GetAtt", List.of(fetcher, "GOOGLE_CLIENT_SECRET"))))));
        s.auth.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Effect", "Allow", "Action", "ssm:GetParameters", "Resource", List.of(
                        parameterArn("/amplify/testapp/dev-sandbox-1a98428f66/GOOGLE_CLIENT_SECRET"),
                        parameterArn("/amplify/shared/testapp/GOOGLE_CLIENT_SECRET"),
                        parameterArn("/amplify/testapp/dev-sandbox-1a98428f66/OIDC_SECRET"),
                        parameterArn("/amplify/shared/testapp/OIDC_SECRET")))))));
    }

    /** The ARN of an SSM parameter of the stack's account and region: exactly the secret's, no wildcard. */
    private static Map<String, Object> parameterArn(String path) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ssm:",
                Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":parameter" + path)));
    }

    @Test
    void everySocialProviderIsSupported() {
        Synthesized s = synth(a -> a.loginWithEmail().loginWithPhone().externalProviders(x -> x
                .facebook(Facebook.of("fb-id", SecretValue.unsafePlainText("fb-secret")).withApiVersion("v17.0"))
                .loginWithAmazon(LoginWithAmazon.of("amzn-id", SecretValue.unsafePlainText("amzn-secret")))
                .signInWithApple(SignInWithApple.of("com.example.app", "TEAM123", "KEY123",
                        SecretValue.unsafePlainText("-----BEGIN PRIVATE KEY-----")))
                .callbackUrls("https://app.example.com/").logoutUrls("https://app.example.com/")
                .domainPrefix("my-app-login")));
        for (String type : List.of("Facebook", "LoginWithAmazon", "SignInWithApple")) {
            s.auth.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider", Map.of("ProviderType", type,
                    "AttributeMapping", Match.absent()));
        }
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "my-app-login"));
        s.auth.hasResourceProperties("AWS::Cognito::IdentityPool", Map.of("SupportedLoginProviders", Map.of(
                "graph.facebook.com", "fb-id", "www.amazon.com", "amzn-id", "appleid.apple.com", "com.example.app")));
        s.root.hasOutput("socialProviders", Map.of("Value",
                "[\"FACEBOOK\",\"LOGIN_WITH_AMAZON\",\"SIGN_IN_WITH_APPLE\"]"));
    }

    @Test
    void everyProviderGetsAmplifysDefaultScopesAndEmailMappingWhenNoneAreGiven() {
        Synthesized s = synth(a -> a.loginWithEmail().externalProviders(x -> x
                .google(Google.of("google-id", SecretValue.unsafePlainText("google-secret")))
                .facebook(Facebook.of("fb-id", SecretValue.unsafePlainText("fb-secret")))
                .loginWithAmazon(LoginWithAmazon.of("amzn-id", SecretValue.unsafePlainText("amzn-secret")))
                .signInWithApple(SignInWithApple.of("com.example.app", "TEAM123", "KEY123",
                        SecretValue.unsafePlainText("-----BEGIN PRIVATE KEY-----")))
                .oidc(Oidc.of("MyOidc", "oidc-id", SecretValue.unsafePlainText("oidc-secret"),
                        "https://issuer.example.com"))
                .callbackUrls("https://app.example.com/").logoutUrls("https://app.example.com/")));
        Map<String, String> defaultScopes = Map.of("Google", "profile", "Facebook", "public_profile",
                "LoginWithAmazon", "profile", "SignInWithApple", "name", "OIDC", "openid");
        defaultScopes.forEach((type, scopes) -> s.auth.hasResourceProperties("AWS::Cognito::UserPoolIdentityProvider",
                Map.of("ProviderType", type,
                        "ProviderDetails", Match.objectLike(Map.of("authorize_scopes", scopes)),
                        "AttributeMapping", Map.of("email", "email"))));
    }

    @Test
    void requiredAttributesFollowAmplifysOrderLoginAttributesFirstThenTheUsersOrder() {
        Synthesized s = synth(a -> a.loginWithEmail().loginWithPhone()
                .userAttribute(StandardAttribute.GIVEN_NAME, true, true)
                .userAttribute(StandardAttribute.BIRTHDATE, true, false)
                .userAttribute(StandardAttribute.EMAIL, true, false));
        s.root.hasOutput("signupAttributes", Map.of("Value",
                "[\"email\",\"phone_number\",\"given_name\",\"birthdate\"]"));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("Schema", List.of(
                Map.of("Name", "email", "Required", true, "Mutable", false),
                Map.of("Name", "phone_number", "Required", true, "Mutable", true),
                Map.of("Name", "given_name", "Required", true, "Mutable", true),
                Map.of("Name", "birthdate", "Required", true, "Mutable", false))));
    }

    @Test
    void customDomainServesTheHostedUiAndIsTheOutputDomain() {
        String certificate = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
        Synthesized s = synth(a -> a.loginWithEmail().externalProviders(x -> x
                .google(Google.of("google-id", SecretValue.unsafePlainText("google-secret")))
                .callbackUrls("https://app.example.com/").logoutUrls("https://app.example.com/")
                .customDomain("auth.example.com", certificate)));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "auth.example.com",
                "CustomDomainConfig", Map.of("CertificateArn", certificate)));
        s.root.hasOutput("oauthCognitoDomain", Map.of("Value", "auth.example.com"));
    }

    @Test
    void passwordPolicyTokenValidityAndDeletionProtection() {
        Synthesized s = synth(a -> a.loginWithEmail()
                .passwordPolicy(PasswordPolicy.AMPLIFY_DEFAULT.withMinLength(12)
                        .withCharacterClasses(false, true, true, true).withTemporaryPasswordValidityDays(3))
                .tokenValidity(TokenValidity.cognitoDefaults().withAccessToken(Duration.ofMinutes(30))
                        .withIdToken(Duration.ofMinutes(30)).withRefreshToken(Duration.ofDays(7))
                        .withAuthSession(Duration.ofMinutes(5)))
                .deletionProtection(true));
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "Policies", Map.of("PasswordPolicy", Map.of("MinimumLength", 12, "RequireLowercase", false,
                        "RequireUppercase", true, "RequireNumbers", true, "RequireSymbols", true,
                        "TemporaryPasswordValidityDays", 3)),
                "DeletionProtection", "ACTIVE"));
        s.auth.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "AccessTokenValidity", 30, "IdTokenValidity", 30, "RefreshTokenValidity", 10080,
                "AuthSessionValidity", 5,
                "TokenValidityUnits", Map.of("AccessToken", "minutes", "IdToken", "minutes",
                        "RefreshToken", "minutes")));
        s.root.hasOutput("passwordPolicyMinLength", Map.of("Value", "12"));
        s.root.hasOutput("passwordPolicyRequirements", Map.of("Value",
                "[\"REQUIRES_NUMBERS\",\"REQUIRES_UPPERCASE\",\"REQUIRES_SYMBOLS\"]"));
    }

    @Test
    void aNamedAuthPrefixesItsIdsAndNamesThePool() {
        Synthesized s = synth(a -> a.name("myAuth").loginWithEmail());
        s.auth.hasResourceProperties("AWS::Cognito::UserPool", Map.of("UserPoolName", "myAuth"));
        assertThat(s.auth.findResources("AWS::Cognito::UserPool").keySet())
                .singleElement().asString().startsWith("myAuthmyAuthUserPool");
    }

    @Test
    void overridesThroughTheEscapeHatchesReachTheOutputs() {
        AuthResource.Factory factory = AuthResource.define(a -> a.loginWithEmail().groups("ADMINS", "EDITORS"));
        Backend backend = TestBackends.sandbox(factory);
        AuthResources resources = backend.get(factory).resources();
        resources.cfnUserPool().setPolicies(CfnUserPool.PoliciesProperty.builder()
                .passwordPolicy(CfnUserPool.PasswordPolicyProperty.builder().minimumLength(10)
                        .requireNumbers(true).build()).build());
        SecurityCheckSuppressions.suppress(resources.cfnUserPool(), "COG1", "this test weakens the password policy"
                + " through the escape hatch on purpose, and so owns cdk-nag's finding");
        resources.cfnIdentityPool().setAllowUnauthenticatedIdentities(false);
        resources.groups().get("EDITORS").cfnUserGroup().setPrecedence(5);
        resources.cfnUserPoolClient().setCallbackUrLs(List.of("https://override.example.com/"));
        Template root = TestBackends.template(backend.rootStack());
        root.hasOutput("passwordPolicyMinLength", Map.of("Value", "10"));
        root.hasOutput("passwordPolicyRequirements", Map.of("Value", "[\"REQUIRES_NUMBERS\"]"));
        root.hasOutput("allowUnauthenticatedIdentities", Map.of("Value", "false"));
        root.hasOutput("groups", Map.of("Value", "[{\"ADMINS\":{\"precedence\":0}},{\"EDITORS\":{\"precedence\":5}}]"));
        root.hasOutput("oauthRedirectSignIn", Map.of("Value", "https://override.example.com/"));
    }
}
