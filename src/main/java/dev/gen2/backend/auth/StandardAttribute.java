package dev.gen2.backend.auth;

/** Cognito's standard user attributes, with the names CDK and Cognito give them. */
public enum StandardAttribute {
    ADDRESS("address"),
    BIRTHDATE("birthdate"),
    EMAIL("email"),
    FAMILY_NAME("family_name"),
    GENDER("gender"),
    GIVEN_NAME("given_name"),
    LOCALE("locale"),
    MIDDLE_NAME("middle_name"),
    FULLNAME("name"),
    NICKNAME("nickname"),
    PHONE_NUMBER("phone_number"),
    PROFILE_PICTURE("picture"),
    PREFERRED_USERNAME("preferred_username"),
    PROFILE_PAGE("profile"),
    TIMEZONE("zoneinfo"),
    LAST_UPDATE_TIME("updated_at"),
    WEBSITE("website");

    private final String cognitoName;

    StandardAttribute(String cognitoName) {
        this.cognitoName = cognitoName;
    }

    /** The attribute's name in Cognito and in tokens, such as {@code given_name}. */
    public String cognitoName() {
        return cognitoName;
    }
}
