package dev.gen2.backend.auth;

/** The placeholders Cognito fills in messages it sends: put them in verification, invitation and MFA texts. */
public final class Placeholders {
    /** The one-time code: {@code {####}}. */
    public static final String CODE = "{####}";
    /** The user name, in invitations: {@code {username}}. */
    public static final String USERNAME = "{username}";

    private Placeholders() {
    }

    /** The verification link with Cognito's default text: {@code {##Verify Email##}}. */
    public static String link() {
        return link("Verify Email");
    }

    /** The verification link shown as the given text: {@code {##text##}}. */
    public static String link(String text) {
        return "{##" + text + "##}";
    }
}
