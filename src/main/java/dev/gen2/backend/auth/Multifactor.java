package dev.gen2.backend.auth;

import dev.gen2.backend.Required;
import java.util.Optional;

/**
 * Multi-factor authentication: Amplify's {@code multifactor}. {@code Multifactor.optional().totp().sms()}.
 *
 * @param mode off, optional or required
 * @param smsEnabled text a code by SMS
 * @param smsMessage the MFA SMS text, holding {@link Placeholders#CODE}
 * @param totpEnabled authenticator apps
 * @param emailEnabled email a code (needs an SES email sender)
 */
public record Multifactor(Mode mode, boolean smsEnabled, Optional<String> smsMessage, boolean totpEnabled,
        boolean emailEnabled) {

    /** Cognito's MFA setting. */
    public enum Mode {
        OFF("OFF"), OPTIONAL("OPTIONAL"), REQUIRED("ON");

        private final String cloudFormationValue;

        Mode(String cloudFormationValue) {
            this.cloudFormationValue = cloudFormationValue;
        }

        /** The {@code MfaConfiguration} value in the template. */
        public String cloudFormationValue() {
            return cloudFormationValue;
        }
    }

    public static Multifactor off() {
        return new Multifactor(Mode.OFF, false, Optional.empty(), false, false);
    }

    public static Multifactor optional() {
        return new Multifactor(Mode.OPTIONAL, false, Optional.empty(), false, false);
    }

    public static Multifactor required() {
        return new Multifactor(Mode.REQUIRED, false, Optional.empty(), false, false);
    }

    public Multifactor totp() {
        return new Multifactor(mode, smsEnabled, smsMessage, true, emailEnabled);
    }

    public Multifactor sms() {
        return new Multifactor(mode, true, smsMessage, totpEnabled, emailEnabled);
    }

    /** SMS codes with this text, which must hold {@link Placeholders#CODE}. */
    public Multifactor sms(String message) {
        return new Multifactor(mode, true, Optional.of(Required.argument(message, "auth.multifactor.sms.smsMessage",
                "The message", "give a text with Placeholders.CODE in it, or call sms().")), totpEnabled, emailEnabled);
    }

    public Multifactor email() {
        return new Multifactor(mode, smsEnabled, smsMessage, totpEnabled, true);
    }

    boolean anyFactor() {
        return smsEnabled || totpEnabled || emailEnabled;
    }
}
