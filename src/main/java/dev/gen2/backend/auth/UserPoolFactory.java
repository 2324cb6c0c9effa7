package dev.gen2.backend.auth;

import dev.gen2.backend.SecurityCheckSuppressions;
import dev.gen2.backend.auth.Senders.SesEmail;
import dev.gen2.backend.auth.Senders.SnsSms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.AllowedFirstAuthFactors;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.BooleanAttribute;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.cognito.CustomAttributeProps;
import software.amazon.awscdk.services.cognito.DateTimeAttribute;
import software.amazon.awscdk.services.cognito.ICustomAttribute;
import software.amazon.awscdk.services.cognito.KeepOriginalAttrs;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.NumberAttribute;
import software.amazon.awscdk.services.cognito.NumberAttributeProps;
import software.amazon.awscdk.services.cognito.PasskeyUserVerification;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.SignInPolicy;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.StringAttributeProps;
import software.amazon.awscdk.services.cognito.UserInvitationConfig;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolEmail;
import software.amazon.awscdk.services.cognito.UserPoolSESOptions;
import software.amazon.awscdk.services.cognito.UserVerificationConfig;
import software.amazon.awscdk.services.cognito.VerificationEmailStyle;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/** Builds the Cognito user pool from the auth settings, with Amplify's defaults for everything left unset. */
final class UserPoolFactory {
    private final AuthSettings settings;
    private final String relyingPartyId;
    private final AuthSettings.Retention retention;

    UserPoolFactory(AuthSettings settings, String relyingPartyId, AuthSettings.Retention retention) {
        this.settings = settings;
        this.relyingPartyId = relyingPartyId;
        this.retention = retention;
    }

    UserPool create(Construct scope, Optional<IKey> customSenderKey) {
        boolean email = settings.email().isPresent();
        boolean phone = settings.phone().isPresent();
        UserPool.Builder pool = UserPool.Builder.create(scope, settings.idPrefix() + "UserPool")
                .signInCaseSensitive(false)
                .signInAliases(SignInAliases.builder().email(email).phone(phone).build())
                .keepOriginal(KeepOriginalAttrs.builder().email(email).phone(phone).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(email).phone(phone).build())
                .userVerification(userVerification())
                .passwordPolicy(passwordPolicy())
                .standardAttributes(standardAttributes())
                .customAttributes(customAttributes())
                .selfSignUpEnabled(true)
                .accountRecovery(accountRecovery(email, phone).toCdk())
                .removalPolicy(retention.keepOnDelete() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
        settings.name().ifPresent(pool::userPoolName);
        settings.email().flatMap(EmailLogin::invitation).ifPresent(invitation -> pool.userInvitation(
                UserInvitationConfig.builder()
                        .emailSubject(invitation.emailSubject().orElse(null))
                        .emailBody(invitation.emailBody().orElse(null))
                        .smsMessage(invitation.smsMessage().orElse(null))
                        .build()));
        settings.multifactor().ifPresent(mfa -> applyMultifactor(pool, mfa));
        applySenders(scope, pool);
        customSenderKey.ifPresent(pool::customSenderKmsKey);
        if (settings.passwordless()) {
            applyPasswordless(pool);
        }
        if (retention.deletionProtection()) {
            pool.deletionProtection(true);
        }
        UserPool built = pool.build();
        orderSchemaAsAmplify((CfnUserPool) built.getNode().getDefaultChild());
        SecurityCheckSuppressions.suppress((CfnUserPool) built.getNode().getDefaultChild(), "COG3", "Threat"
                + " protection (advanced security) is a paid Cognito feature plan that Amplify leaves off; set"
                + " userPoolAddOns on the CfnUserPool to turn it on.");
        SecurityCheckSuppressions.acknowledge((CfnUserPool) built.getNode().getDefaultChild(), "COG8", "The feature"
                + " plan is left unset, as Amplify leaves it, so Cognito's default (Essentials) applies; Plus adds"
                + " threat protection and is billed per monthly active user: set it with"
                + " cfnUserPool().setUserPoolTier(\"PLUS\").");
        if (built.getNode().tryFindChild("smsRole") instanceof Role smsRole) {
            SecurityCheckSuppressions.suppressMatching((CfnResource) smsRole.getNode().getDefaultChild(), "IAM5",
                    "Cognito sends text messages with sns:Publish to phone numbers, which have no ARN; only Cognito,"
                            + " with this pool's external id, can assume the role.", "^Resource::\\*$");
        }

        return built;
    }

    /**
     * Puts the pool's schema attributes in Amplify's order, which {@code standard_required_attributes} in
     * {@code amplify_outputs.json} follows: the login attributes (email, then phone number), then the user's
     * attributes in the order given, then the custom ones. CDK would write them in the alphabetical order of its
     * {@code StandardAttributes} struct, which is how Java passes it.
     */
    private void orderSchemaAsAmplify(CfnUserPool cfnPool) {
        if (!(cfnPool.getSchema() instanceof List<?> schema)) {
            return;
        }
        List<String> order = effectiveStandardAttributes().keySet().stream().map(StandardAttribute::cognitoName)
                .toList();
        // The elements are JavaScript objects; their names are read from a resolved copy in the same order.
        List<?> resolved = (List<?>) Stack.of(cfnPool).resolve(schema);
        List<Integer> positions = new ArrayList<>();
        for (Object attribute : resolved) {
            int position = order.indexOf(String.valueOf(((Map<?, ?>) attribute).get("name")));
            positions.add(position < 0 ? order.size() : position); // custom attributes after, in their order
        }
        List<Object> ordered = IntStream.range(0, schema.size()).boxed()
                .sorted(Comparator.comparing(positions::get)).map(i -> (Object) schema.get(i)).toList();
        cfnPool.setSchema(ordered);
    }

    /** The account recovery rule: the one given, or Amplify's choice from the login methods. */
    AccountRecovery accountRecovery(boolean email, boolean phone) {
        return settings.accountRecovery().orElse(phone && !email
                ? AccountRecovery.PHONE_ONLY_WITHOUT_MFA
                : AccountRecovery.EMAIL_ONLY);
    }

    private UserVerificationConfig userVerification() {
        UserVerificationConfig.Builder verification = UserVerificationConfig.builder();
        settings.email().ifPresent(email -> {
            email.verificationStyle().ifPresent(style -> verification.emailStyle(
                    style == EmailLogin.VerificationStyle.LINK
                            ? VerificationEmailStyle.LINK
                            : VerificationEmailStyle.CODE));
            email.verificationSubject().ifPresent(verification::emailSubject);
            email.verificationBody().ifPresent(verification::emailBody);
        });
        settings.phone().flatMap(PhoneLogin::verificationMessage).ifPresent(verification::smsMessage);
        return verification.build();
    }

    private software.amazon.awscdk.services.cognito.PasswordPolicy passwordPolicy() {
        PasswordPolicy policy = settings.passwordPolicy();
        software.amazon.awscdk.services.cognito.PasswordPolicy.Builder cdkPolicy =
                software.amazon.awscdk.services.cognito.PasswordPolicy.builder()
                        .minLength(policy.minLength())
                        .requireLowercase(policy.requireLowercase())
                        .requireUppercase(policy.requireUppercase())
                        .requireDigits(policy.requireDigits())
                        .requireSymbols(policy.requireSymbols());
        policy.temporaryPasswordValidityDays().ifPresent(days -> cdkPolicy.tempPasswordValidity(Duration.days(days)));
        return cdkPolicy.build();
    }

    /** Amplify's required login attributes, with the user's settings merged over them. */
    Map<StandardAttribute, UserAttributes.Setting> effectiveStandardAttributes() {
        Map<StandardAttribute, UserAttributes.Setting> merged = new LinkedHashMap<>();
        settings.email().ifPresent(e -> merged.put(StandardAttribute.EMAIL, new UserAttributes.Setting(true, true)));
        settings.phone().ifPresent(p ->
                merged.put(StandardAttribute.PHONE_NUMBER, new UserAttributes.Setting(true, true)));
        merged.putAll(settings.userAttributes().standard());
        return merged;
    }

    private StandardAttributes standardAttributes() {
        StandardAttributes.Builder attributes = StandardAttributes.builder();
        effectiveStandardAttributes().forEach((attribute, setting) -> {
            software.amazon.awscdk.services.cognito.StandardAttribute value =
                    software.amazon.awscdk.services.cognito.StandardAttribute.builder()
                            .required(setting.required()).mutable(setting.mutable()).build();
            switch (attribute) {
                case ADDRESS -> attributes.address(value);
                case BIRTHDATE -> attributes.birthdate(value);
                case EMAIL -> attributes.email(value);
                case FAMILY_NAME -> attributes.familyName(value);
                case GENDER -> attributes.gender(value);
                case GIVEN_NAME -> attributes.givenName(value);
                case LOCALE -> attributes.locale(value);
                case MIDDLE_NAME -> attributes.middleName(value);
                case FULLNAME -> attributes.fullname(value);
                case NICKNAME -> attributes.nickname(value);
                case PHONE_NUMBER -> attributes.phoneNumber(value);
                case PROFILE_PICTURE -> attributes.profilePicture(value);
                case PREFERRED_USERNAME -> attributes.preferredUsername(value);
                case PROFILE_PAGE -> attributes.profilePage(value);
                case TIMEZONE -> attributes.timezone(value);
                case LAST_UPDATE_TIME -> attributes.lastUpdateTime(value);
                case WEBSITE -> attributes.website(value);
            }
        });
        return attributes.build();
    }

    private Map<String, ICustomAttribute> customAttributes() {
        Map<String, ICustomAttribute> custom = new LinkedHashMap<>();
        for (CustomAttribute attribute : settings.userAttributes().custom()) {
            custom.put(attribute.bareName(), switch (attribute.type()) {
                case STRING -> new StringAttribute(StringAttributeProps.builder()
                        .mutable(attribute.mutable())
                        .minLen(attribute.min().isPresent() ? attribute.min().getAsInt() : null)
                        .maxLen(attribute.max().isPresent() ? attribute.max().getAsInt() : null)
                        .build());
                case NUMBER -> new NumberAttribute(NumberAttributeProps.builder()
                        .mutable(attribute.mutable())
                        .min(attribute.min().isPresent() ? attribute.min().getAsInt() : null)
                        .max(attribute.max().isPresent() ? attribute.max().getAsInt() : null)
                        .build());
                case BOOLEAN -> new BooleanAttribute(CustomAttributeProps.builder().mutable(attribute.mutable()).build());
                case DATE_TIME -> new DateTimeAttribute(
                        CustomAttributeProps.builder().mutable(attribute.mutable()).build());
            });
        }
        return custom;
    }

    private static void applyMultifactor(UserPool.Builder pool, Multifactor mfa) {
        pool.mfa(switch (mfa.mode()) {
            case OFF -> Mfa.OFF;
            case OPTIONAL -> Mfa.OPTIONAL;
            case REQUIRED -> Mfa.REQUIRED;
        });
        if (mfa.mode() != Multifactor.Mode.OFF) {
            pool.mfaSecondFactor(MfaSecondFactor.builder().sms(mfa.smsEnabled()).otp(mfa.totpEnabled())
                    .email(mfa.emailEnabled()).build());
            mfa.smsMessage().ifPresent(pool::mfaMessage);
        }
    }

    private void applySenders(Construct scope, UserPool.Builder pool) {
        settings.senders().email().filter(SesEmail.class::isInstance).map(SesEmail.class::cast).ifPresent(ses ->
                pool.email(UserPoolEmail.withSES(UserPoolSESOptions.builder()
                        .fromEmail(ses.fromEmail())
                        .fromName(ses.fromName().orElse(null))
                        .replyTo(ses.replyTo().orElse(null))
                        .sesRegion(Stack.of(scope).getRegion())
                        .build())));
        settings.senders().sms().filter(SnsSms.class::isInstance).map(SnsSms.class::cast).ifPresent(sns -> {
            sns.snsCallerArn().ifPresent(arn ->
                    pool.smsRole(Role.fromRoleArn(scope, settings.idPrefix() + "SmsSenderRole", arn)));
            sns.externalId().ifPresent(pool::smsRoleExternalId);
            sns.snsRegion().ifPresent(pool::snsRegion);
            pool.enableSmsRole(true);
        });
    }

    private void applyPasswordless(UserPool.Builder pool) {
        pool.signInPolicy(SignInPolicy.builder().allowedFirstAuthFactors(AllowedFirstAuthFactors.builder()
                .password(true)
                .emailOtp(settings.email().map(EmailLogin::otpLogin).orElse(false))
                .smsOtp(settings.phone().map(PhoneLogin::otpLogin).orElse(false))
                .passkey(settings.webAuthn().isPresent())
                .build()).build());
        settings.webAuthn().ifPresent(webAuthn -> {
            pool.passkeyRelyingPartyId(relyingPartyId);
            pool.passkeyUserVerification(webAuthn.userVerification() == WebAuthn.UserVerification.REQUIRED
                    ? PasskeyUserVerification.REQUIRED
                    : PasskeyUserVerification.PREFERRED);
        });
    }
}
