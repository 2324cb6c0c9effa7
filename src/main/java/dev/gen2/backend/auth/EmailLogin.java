package dev.gen2.backend.auth;

import java.util.Optional;

/**
 * Sign-in with email: Amplify's {@code loginWith.email}. The verification message holds a code
 * ({@link Placeholders#CODE}) or, in {@link VerificationStyle#LINK} style, a link ({@link Placeholders#link()}).
 *
 * @param verificationStyle code or link; empty keeps Cognito's default, a code
 * @param verificationSubject the verification email's subject
 * @param verificationBody the verification email's body, holding the code or link placeholder
 * @param invitation the message sent to users an administrator creates
 * @param otpLogin whether users may sign in with a one-time code sent by email instead of a password
 */
public record EmailLogin(Optional<VerificationStyle> verificationStyle, Optional<String> verificationSubject,
        Optional<String> verificationBody, Optional<UserInvitation> invitation, boolean otpLogin) {

    /** How a new user proves the email address. */
    public enum VerificationStyle { CODE, LINK }

    /**
     * The message to users an administrator creates; {@link Placeholders#USERNAME} and {@link Placeholders#CODE}
     * (the temporary password) are filled in.
     */
    public record UserInvitation(Optional<String> emailSubject, Optional<String> emailBody,
            Optional<String> smsMessage) {
    }

    /** Email sign-in with Cognito's default messages. */
    public static EmailLogin defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EmailLogin}. */
    public static final class Builder {
        private VerificationStyle style;
        private String subject;
        private String body;
        private UserInvitation invitation;
        private boolean otpLogin;

        private Builder() {
        }

        public Builder verificationEmailStyle(VerificationStyle style) {
            this.style = style;
            return this;
        }

        public Builder verificationEmailSubject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The body; it must hold {@link Placeholders#CODE}, or a {@link Placeholders#link} in LINK style. */
        public Builder verificationEmailBody(String body) {
            this.body = body;
            return this;
        }

        public Builder userInvitation(String emailSubject, String emailBody, String smsMessage) {
            this.invitation = new UserInvitation(Optional.ofNullable(emailSubject), Optional.ofNullable(emailBody),
                    Optional.ofNullable(smsMessage));
            return this;
        }

        /** Lets users sign in with a one-time code sent by email (Cognito's EMAIL_OTP first factor). */
        public Builder otpLogin(boolean otpLogin) {
            this.otpLogin = otpLogin;
            return this;
        }

        public EmailLogin build() {
            return new EmailLogin(Optional.ofNullable(style), Optional.ofNullable(subject), Optional.ofNullable(body),
                    Optional.ofNullable(invitation), otpLogin);
        }
    }
}
