package dev.gen2.backend.auth;

import java.util.OptionalInt;

/**
 * The password rules of the user pool. Amplify fixes them at 8 characters with all four character classes; here
 * they are an option (Amplify users ask for it), and the frontend's outputs follow whatever is chosen.
 *
 * @param minLength 6 to 99
 * @param temporaryPasswordValidityDays how long an administrator-set password lasts; empty keeps Cognito's 7
 */
public record PasswordPolicy(int minLength, boolean requireLowercase, boolean requireUppercase,
        boolean requireDigits, boolean requireSymbols, OptionalInt temporaryPasswordValidityDays) {

    /** Amplify's policy: at least 8 characters, with lower case, upper case, digits and symbols. */
    public static final PasswordPolicy AMPLIFY_DEFAULT = new PasswordPolicy(8, true, true, true, true,
            OptionalInt.empty());

    public PasswordPolicy withMinLength(int length) {
        return new PasswordPolicy(length, requireLowercase, requireUppercase, requireDigits, requireSymbols,
                temporaryPasswordValidityDays);
    }

    public PasswordPolicy withCharacterClasses(boolean lowercase, boolean uppercase, boolean digits,
            boolean symbols) {
        return new PasswordPolicy(minLength, lowercase, uppercase, digits, symbols, temporaryPasswordValidityDays);
    }

    public PasswordPolicy withTemporaryPasswordValidityDays(int days) {
        return new PasswordPolicy(minLength, requireLowercase, requireUppercase, requireDigits, requireSymbols,
                OptionalInt.of(days));
    }
}
