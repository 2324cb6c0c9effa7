package dev.gen2.deploy;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Whether the account and region are bootstrapped for the CDK, as Amplify's sandbox checks before its first deploy:
 * the bootstrap's version parameter {@code /cdk-bootstrap/hnb659fds/version} must exist and be at least 6.
 */
public final class BootstrapCheck {
    public static final String VERSION_PARAMETER = "/cdk-bootstrap/hnb659fds/version";
    public static final int MINIMUM_VERSION = 6;

    private BootstrapCheck() {
    }

    /** The bootstrap version; a {@link DeployFailure} saying how to bootstrap when it is missing or too old. */
    public static int verify(SsmClient ssm) {
        String value;
        try {
            value = ssm.getParameter(request -> request.name(VERSION_PARAMETER)).parameter().value();
        } catch (ParameterNotFoundException e) {
            throw notBootstrapped("has no CDK bootstrap (" + VERSION_PARAMETER + " is missing).");
        } catch (AwsServiceException e) {
            throw refused(e);
        }
        int version;
        try {
            version = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw notBootstrapped("has an unreadable CDK bootstrap version '" + value + "'.");
        }
        if (version < MINIMUM_VERSION) {
            throw notBootstrapped("has CDK bootstrap version " + version + "; " + MINIMUM_VERSION
                    + " or later is needed.");
        }
        return version;
    }

    /** AWS refused the read: credentials expired or invalid, or not allowed to read the parameter. */
    private static DeployFailure refused(AwsServiceException e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
        if (code.contains("Expired") || code.contains("InvalidClientTokenId") || code.contains("UnrecognizedClient")
                || code.contains("SignatureDoesNotMatch")) {
            return new DeployFailure("AWS credentials", "The AWS credentials are expired or invalid (" + code + ").",
                    "refresh them (aws sso login, or new keys) or pass --profile, then run the command again.");
        }
        return new DeployFailure("bootstrap", "AWS refused to read " + VERSION_PARAMETER + " (" + code + ").",
                "use credentials that may read SSM parameters in this account and region, then run again.");
    }

    private static DeployFailure notBootstrapped(String problem) {
        return new DeployFailure("bootstrap", "This account and region " + problem, "run `npx --yes aws-cdk@"
                + CdkToolkit.CLI_VERSION + " bootstrap aws://<account>/<region>` once, then deploy again.");
    }
}
