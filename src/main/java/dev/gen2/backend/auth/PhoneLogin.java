package dev.gen2.backend.auth;

import dev.gen2.backend.Required;
import java.util.Optional;

/**
 * Sign-in with a phone number: Amplify's {@code loginWith.phone}.
 *
 * @param verificationMessage the SMS text, holding {@link Placeholders#CODE}; empty keeps Cognito's default
 * @param otpLogin whether users may sign in with a one-time code sent by SMS instead of a password
 */
public record PhoneLogin(Optional<String> verificationMessage, boolean otpLogin) {

    public static PhoneLogin defaults() {
        return new PhoneLogin(Optional.empty(), false);
    }

    public static PhoneLogin withMessage(String verificationMessage) {
        return new PhoneLogin(Optional.of(Required.argument(verificationMessage,
                "auth.loginWith.phone.verificationMessage", "The message",
                "give a text with Placeholders.CODE in it, or call loginWithPhone().")), false);
    }

    /** The same settings, with SMS one-time-code sign-in (Cognito's SMS_OTP first factor) on or off. */
    public PhoneLogin withOtpLogin(boolean enabled) {
        return new PhoneLogin(verificationMessage, enabled);
    }
}
