package dev.gen2.backend.auth;

import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything {@code AuthResource.define} takes: Amplify's {@code defineAuth} options, plus the password policy,
 * token validity, hosted UI domain and deletion protection its users ask for.
 */
public record AuthSettings(
        Optional<String> name,
        Optional<EmailLogin> email,
        Optional<PhoneLogin> phone,
        Optional<WebAuthn> webAuthn,
        Optional<ExternalProviders> externalProviders,
        Optional<Multifactor> multifactor,
        UserAttributes userAttributes,
        List<String> groups,
        Map<TriggerEvent, ResourceFactory<? extends FunctionProvider>> triggers,
        List<AuthAccess> access,
        Optional<AccountRecovery> accountRecovery,
        Senders senders,
        Optional<PreferredChallenge> preferredChallenge,
        PasswordPolicy passwordPolicy,
        TokenValidity tokenValidity,
        Optional<Boolean> deletionProtection,
        Optional<Boolean> keepOnDelete) {

    /**
     * Whether the user pool and identity pool outlive their stack ({@code DeletionPolicy: Retain}) and whether
     * Cognito refuses to delete the pool. Unless set, both are on in branch and standalone environments, where the
     * pool holds real users, and off in a sandbox.
     */
    public record Retention(boolean keepOnDelete, boolean deletionProtection) {
    }

    /** The retention for a backend of the given type. */
    public Retention retention(DeploymentType type) {
        boolean holdsRealUsers = type != DeploymentType.SANDBOX;
        return new Retention(keepOnDelete.orElse(holdsRealUsers), deletionProtection.orElse(holdsRealUsers));
    }

    /** The first sign-in step the frontend offers: Amplify's {@code passwordlessOptions.preferredChallenge}. */
    public enum PreferredChallenge { PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN }

    public AuthSettings {
        groups = List.copyOf(groups);
        access = List.copyOf(access);
        Map<TriggerEvent, ResourceFactory<? extends FunctionProvider>> inEventOrder = new EnumMap<>(TriggerEvent.class);
        inEventOrder.putAll(triggers);
        triggers = Collections.unmodifiableMap(inEventOrder);
    }

    /** Whether any passwordless first factor (email code, SMS code, passkey) is on. */
    public boolean passwordless() {
        return email.map(EmailLogin::otpLogin).orElse(false)
                || phone.map(PhoneLogin::otpLogin).orElse(false)
                || webAuthn.isPresent();
    }

    /** The construct id prefix Amplify gives every child: the name, or nothing. */
    String idPrefix() {
        return name.orElse("");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AuthSettings}; what the lambda given to {@code AuthResource.define} configures. */
    public static final class Builder {
        private String name;
        private EmailLogin email;
        private PhoneLogin phone;
        private WebAuthn webAuthn;
        private ExternalProviders externalProviders;
        private Multifactor multifactor;
        private final Map<StandardAttribute, UserAttributes.Setting> standardAttributes =
                new LinkedHashMap<>();
        private final List<CustomAttribute> customAttributes = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();
        private final Map<TriggerEvent, ResourceFactory<? extends FunctionProvider>> triggers =
                new LinkedHashMap<>();
        private final List<AuthAccess> access = new ArrayList<>();
        private AccountRecovery accountRecovery;
        private Senders.EmailSender emailSender;
        private Senders.SmsSender smsSender;
        private PreferredChallenge preferredChallenge;
        private PasswordPolicy passwordPolicy = PasswordPolicy.AMPLIFY_DEFAULT;
        private TokenValidity tokenValidity = TokenValidity.cognitoDefaults();
        private Boolean deletionProtection;
        private Boolean keepOnDelete;

        private Builder() {
        }

        /** Names the user pool and prefixes its construct ids, as Amplify's {@code name}. */
        public Builder name(String authName) {
            this.name = authName;
            return this;
        }

        /** Sign-in with email and Cognito's default verification email: {@code loginWith: { email: true }}. */
        public Builder loginWithEmail() {
            this.email = EmailLogin.defaults();
            return this;
        }

        public Builder loginWithEmail(UnaryOperator<EmailLogin.Builder> settings) {
            this.email = Required.argument(settings, "auth.loginWith.email", "The email settings",
                    "call loginWithEmail(), or loginWithEmail(e -> e.verificationEmailSubject(..)).")
                    .apply(EmailLogin.builder()).build();
            return this;
        }

        public Builder loginWithEmail(EmailLogin settings) {
            this.email = Required.argument(settings, "auth.loginWith.email", "The email settings",
                    "call loginWithEmail(), or pass EmailLogin.defaults().");
            return this;
        }

        public Builder loginWithPhone() {
            this.phone = PhoneLogin.defaults();
            return this;
        }

        public Builder loginWithPhone(PhoneLogin settings) {
            this.phone = Required.argument(settings, "auth.loginWith.phone", "The phone settings",
                    "call loginWithPhone(), or pass PhoneLogin.withMessage(..).");
            return this;
        }

        /** Passkeys: {@code WebAuthn.auto()} or {@code WebAuthn.forDomain("example.com")}. */
        public Builder loginWithWebAuthn(WebAuthn settings) {
            this.webAuthn = Required.argument(settings, "auth.loginWith.webAuthn", "The WebAuthn settings",
                    "pass WebAuthn.auto() or WebAuthn.forDomain(\"example.com\").");
            return this;
        }

        public Builder externalProviders(UnaryOperator<ExternalProviders.Builder> settings) {
            this.externalProviders = Required.argument(settings, "auth.loginWith.externalProviders",
                    "The external providers' settings", "pass x -> x.google(..).callbackUrls(..).logoutUrls(..).")
                    .apply(ExternalProviders.builder()).build();
            return this;
        }

        public Builder multifactor(Multifactor settings) {
            this.multifactor = Required.argument(settings, "auth.multifactor", "The MFA settings",
                    "pass Multifactor.off(), Multifactor.optional().totp() or Multifactor.required().totp().");
            return this;
        }

        /** Sets whether a standard attribute is required at sign-up and may be changed later. */
        public Builder userAttribute(StandardAttribute attribute, boolean required, boolean mutable) {
            standardAttributes.put(Required.argument(attribute, "auth.userAttributes", "The standard attribute",
                    "pass one of StandardAttribute's values, such as StandardAttribute.GIVEN_NAME."),
                    new UserAttributes.Setting(required, mutable));
            return this;
        }

        public Builder customAttribute(CustomAttribute attribute) {
            customAttributes.add(Required.argument(attribute, "auth.userAttributes", "The custom attribute",
                    "pass CustomAttribute.string(\"name\") or another of CustomAttribute's factories."));
            return this;
        }

        /** User pool groups, highest precedence first, each with an IAM role of its own. */
        public Builder groups(String... groupNames) {
            groups.addAll(Required.each("auth.groups", "A group name", "name the groups, such as"
                    + " groups(\"ADMINS\").", groupNames));
            return this;
        }

        /** Runs a function on a Cognito event. */
        public Builder trigger(TriggerEvent event, ResourceFactory<? extends FunctionProvider> function) {
            Required.argument(event, "auth.triggers", "The trigger event", "pass one of TriggerEvent's values, such as"
                    + " TriggerEvent.PRE_SIGN_UP.");
            triggers.put(event, Required.argument(function, "auth.triggers." + event, "The trigger function",
                    "pass the function's factory, such as FunctionResource.define(fn -> fn.name(\"preSignUp\")"
                            + ".entry(..)); a null one is often a static field read before it was set."));
            return this;
        }

        /**
         * Lets a function act on the user pool: Amplify's {@code access}. The function gets the pool's id in
         * {@code AMPLIFY_AUTH_USERPOOL_ID} (for an auth named {@code amplifyAuth}), read from SSM at start.
         */
        public Builder access(ResourceFactory<? extends FunctionProvider> function, AuthAction... actions) {
            access.add(new AuthAccess(Required.argument(function, "auth.access", "The function",
                    "pass the function's factory, such as FunctionConfig.REPORT."),
                    Required.each("auth.access", "An action", "pass AuthAction values, such as AuthAction.GET_USER.",
                            actions)));
            return this;
        }

        public Builder accountRecovery(AccountRecovery recovery) {
            this.accountRecovery = Required.argument(recovery, "auth.accountRecovery", "The account recovery",
                    "pass one of AccountRecovery's values, such as AccountRecovery.EMAIL_ONLY.");
            return this;
        }

        public Builder emailSender(Senders.EmailSender sender) {
            this.emailSender = Required.argument(sender, "auth.senders.email", "The email sender",
                    "pass Senders.SesEmail.from(..) or Senders.CustomSender.of(..).");
            return this;
        }

        public Builder smsSender(Senders.SmsSender sender) {
            this.smsSender = Required.argument(sender, "auth.senders.sms", "The SMS sender",
                    "pass Senders.SnsSms.withRole(..) or Senders.CustomSender.of(..).");
            return this;
        }

        public Builder preferredChallenge(PreferredChallenge challenge) {
            this.preferredChallenge = Required.argument(challenge, "auth.passwordlessOptions.preferredChallenge",
                    "The preferred challenge", "pass one of PreferredChallenge's values, such as PASSWORD.");
            return this;
        }

        public Builder passwordPolicy(PasswordPolicy policy) {
            this.passwordPolicy = Required.argument(policy, "auth.passwordPolicy", "The password policy",
                    "pass PasswordPolicy.AMPLIFY_DEFAULT or a policy made from it.");
            return this;
        }

        public Builder tokenValidity(TokenValidity validity) {
            this.tokenValidity = Required.argument(validity, "auth.tokenValidity", "The token validity",
                    "pass TokenValidity.cognitoDefaults() or a validity made from it.");
            return this;
        }

        /**
         * Cognito's deletion protection: the pool cannot be deleted until it is turned off again. Default: on in
         * branch and standalone environments, off in a sandbox.
         */
        public Builder deletionProtection(boolean enabled) {
            this.deletionProtection = enabled;
            return this;
        }

        /**
         * Whether the user pool and identity pool are kept ({@code DeletionPolicy: Retain}) when their stack is
         * deleted or they leave it. Default: kept in branch and standalone environments, deleted in a sandbox.
         */
        public Builder keepOnDelete(boolean keep) {
            this.keepOnDelete = keep;
            return this;
        }

        public AuthSettings build() {
            return new AuthSettings(Optional.ofNullable(name), Optional.ofNullable(email), Optional.ofNullable(phone),
                    Optional.ofNullable(webAuthn), Optional.ofNullable(externalProviders),
                    Optional.ofNullable(multifactor),
                    new UserAttributes(standardAttributes, customAttributes), groups, triggers, access,
                    Optional.ofNullable(accountRecovery),
                    new Senders(Optional.ofNullable(emailSender), Optional.ofNullable(smsSender)),
                    Optional.ofNullable(preferredChallenge), passwordPolicy, tokenValidity,
                    Optional.ofNullable(deletionProtection), Optional.ofNullable(keepOnDelete));
        }
    }
}
