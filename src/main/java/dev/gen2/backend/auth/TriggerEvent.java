package dev.gen2.backend.auth;

import software.amazon.awscdk.services.cognito.UserPoolOperation;

/** The Cognito events a function can handle: Amplify's {@code triggers} keys. */
public enum TriggerEvent {
    CREATE_AUTH_CHALLENGE("createAuthChallenge"),
    CUSTOM_MESSAGE("customMessage"),
    DEFINE_AUTH_CHALLENGE("defineAuthChallenge"),
    POST_AUTHENTICATION("postAuthentication"),
    POST_CONFIRMATION("postConfirmation"),
    PRE_AUTHENTICATION("preAuthentication"),
    PRE_SIGN_UP("preSignUp"),
    PRE_TOKEN_GENERATION("preTokenGeneration"),
    USER_MIGRATION("userMigration"),
    VERIFY_AUTH_CHALLENGE_RESPONSE("verifyAuthChallengeResponse");

    private final String operationName;

    TriggerEvent(String operationName) {
        this.operationName = operationName;
    }

    /** Amplify's and Cognito's name of the event, such as {@code preSignUp}. */
    public String operationName() {
        return operationName;
    }

    UserPoolOperation toOperation() {
        return UserPoolOperation.of(operationName);
    }
}
