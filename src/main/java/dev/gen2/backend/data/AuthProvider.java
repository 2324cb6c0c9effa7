package dev.gen2.backend.data;

/** Who vouches for a caller: each authorization rule names one, and each needs its authorization mode on the API. */
public enum AuthProvider {
    API_KEY("apiKey", "API_KEY", "aws_api_key"),
    IAM("iam", "AWS_IAM", "aws_iam"),
    USER_POOLS("userPools", "AMAZON_COGNITO_USER_POOLS", "aws_cognito_user_pools"),
    OIDC("oidc", "OPENID_CONNECT", "aws_oidc"),
    FUNCTION("function", "AWS_LAMBDA", "aws_lambda");

    private final String amplifyName;
    private final String appSyncMode;
    private final String directive;

    AuthProvider(String amplifyName, String appSyncMode, String directive) {
        this.amplifyName = amplifyName;
        this.appSyncMode = appSyncMode;
        this.directive = directive;
    }

    /** The name in Amplify's rules and model introspection: {@code userPools}, {@code iam}... */
    public String amplifyName() {
        return amplifyName;
    }

    /** The AppSync authentication type: {@code AMAZON_COGNITO_USER_POOLS}, {@code AWS_IAM}... */
    public String appSyncMode() {
        return appSyncMode;
    }

    /** The AppSync schema directive that lets this mode reach a type or field, without its {@code @}. */
    public String directive() {
        return directive;
    }
}
