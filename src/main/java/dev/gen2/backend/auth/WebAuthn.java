package dev.gen2.backend.auth;

/**
 * Passkey sign-in: Amplify's {@code loginWith.webAuthn}.
 *
 * @param relyingPartyId the domain passkeys are bound to, or {@code AUTO}: {@code localhost} in a sandbox,
 *     {@code <branch>.<appId>.amplifyapp.com} in a branch environment. Passkeys cannot move to another
 *     relying party once users have made them.
 * @param userVerification whether the authenticator must verify the user
 */
public record WebAuthn(String relyingPartyId, UserVerification userVerification) {
    public static final String AUTO = "AUTO";

    /** Whether the authenticator must verify the user (PIN, biometrics). */
    public enum UserVerification { REQUIRED, PREFERRED }

    /** Amplify's {@code webAuthn: true}: relying party {@code AUTO}, verification preferred. */
    public static WebAuthn auto() {
        return new WebAuthn(AUTO, UserVerification.PREFERRED);
    }

    public static WebAuthn forDomain(String relyingPartyId) {
        return new WebAuthn(relyingPartyId, UserVerification.PREFERRED);
    }

    public WebAuthn withUserVerification(UserVerification verification) {
        return new WebAuthn(relyingPartyId, verification);
    }
}
