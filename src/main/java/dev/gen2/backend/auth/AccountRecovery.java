package dev.gen2.backend.auth;

/** How users recover a forgotten password: Amplify's {@code accountRecovery}, the names of CDK's enum. */
public enum AccountRecovery {
    EMAIL_AND_PHONE_WITHOUT_MFA,
    PHONE_WITHOUT_MFA_AND_EMAIL,
    EMAIL_ONLY,
    PHONE_ONLY_WITHOUT_MFA,
    PHONE_AND_EMAIL,
    NONE;

    software.amazon.awscdk.services.cognito.AccountRecovery toCdk() {
        return software.amazon.awscdk.services.cognito.AccountRecovery.valueOf(name());
    }
}
