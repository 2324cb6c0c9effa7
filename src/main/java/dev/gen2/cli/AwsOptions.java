package dev.gen2.cli;

import dev.gen2.deploy.AwsConnection;
import java.net.URI;
import picocli.CommandLine.Option;

/** The AWS options every command that calls AWS takes: profile, region, endpoint. */
final class AwsOptions {
    @Option(names = "--profile", description = "AWS profile to use (default: your AWS configuration).")
    String profile;

    @Option(names = "--region", description = "AWS region (default: your AWS configuration).")
    String region;

    @Option(names = "--endpoint-url", description = "An AWS endpoint for every call, such as a local AWS emulator's"
            + " (default: AWS_ENDPOINT_URL, else AWS's own).")
    URI endpointUrl;

    /** The connection these options, and the environment, ask for. */
    AwsConnection connection() {
        return AwsConnection.of(profile, region, endpointUrl, System.getenv());
    }
}
