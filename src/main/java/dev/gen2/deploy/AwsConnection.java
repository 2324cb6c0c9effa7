package dev.gen2.deploy;

import dev.gen2.backend.BackendConfigException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * How a command reaches AWS: a profile, a region and an endpoint, each from its flag or else from the AWS SDKs'
 * standard configuration. A custom endpoint, from {@code --endpoint-url} or the SDKs' {@code AWS_ENDPOINT_URL}
 * variable, is used for every service alike, and S3 is then addressed by path ({@code endpoint/bucket/key}),
 * since a local endpoint has no per-bucket host names.
 */
public record AwsConnection(Optional<String> profile, Optional<String> region, Optional<URI> endpoint,
        Optional<AwsBasicCredentials> keys) {
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    /** The connection the flags ask for, the environment filling in the endpoint when no flag gives one. */
    public static AwsConnection of(String profile, String region, URI endpointUrl, Map<String, String> environment) {
        Optional<URI> endpoint = Optional.ofNullable(endpointUrl)
                .or(() -> Optional.ofNullable(environment.get(ENDPOINT_VARIABLE)).filter(value -> !value.isBlank())
                        .map(AwsConnection::endpointFromEnvironment));
        return new AwsConnection(Optional.ofNullable(profile), Optional.ofNullable(region), endpoint,
                Optional.empty());
    }

    /** A connection to a local AWS with its fixed keys, region and endpoint. */
    public static AwsConnection local(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        return new AwsConnection(Optional.empty(), Optional.of(region), Optional.of(endpoint),
                Optional.of(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    /** A client builder with this connection's credentials, region and endpoint. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        if (keys.isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(keys.get()));
        } else {
            builder.credentialsProvider(profile.isPresent()
                    ? ProfileCredentialsProvider.create(profile.get())
                    : DefaultCredentialsProvider.builder().build());
        }
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        region.map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * The same connection for a child process (the CDK CLI): {@code AWS_PROFILE}, {@code AWS_REGION} and
     * {@code AWS_ENDPOINT_URL} for what the flags set; what they leave out the child reads as this process did.
     */
    public Map<String, String> childEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        profile.ifPresent(p -> environment.put("AWS_PROFILE", p));
        keys.ifPresent(k -> {
            environment.put("AWS_ACCESS_KEY_ID", k.accessKeyId());
            environment.put("AWS_SECRET_ACCESS_KEY", k.secretAccessKey());
        });
        region.ifPresent(r -> {
            environment.put("AWS_REGION", r);
            environment.put("AWS_DEFAULT_REGION", r);
        });
        endpoint.ifPresent(e -> environment.put(ENDPOINT_VARIABLE, e.toString()));
        return environment;
    }

    /** An S3 client builder: path-style addressing whenever the endpoint is not AWS's. */
    public S3ClientBuilder s3() {
        return configure(S3Client.builder()).forcePathStyle(endpoint.isPresent());
    }

    /**
     * Checks, before a deploy, that the credentials and region work and that the account and region are bootstrapped
     * for the CDK ({@link BootstrapCheck}); each failure is one line saying what to do.
     */
    public void verifyBootstrap() {
        try (SsmClient ssm = configure(SsmClient.builder()).build()) {
            BootstrapCheck.verify(ssm);
        } catch (SdkClientException e) {
            throw explain(e);
        }
    }

    /**
     * A client-side failure (no credentials, no region, an endpoint that does not answer) as one line saying what
     * to set, instead of the SDK's list of every provider it tried.
     */
    public BackendConfigException explain(SdkClientException e) {
        String message = String.valueOf(e.getMessage());
        // The SDK's own wording when its default chains find nothing (DefaultAwsRegionProviderChain,
        // DefaultCredentialsProvider, ProfileCredentialsProvider).
        if (message.startsWith("Unable to load region")) {
            return new BackendConfigException("AWS configuration", "No AWS region is set.",
                    "pass --region, or set AWS_REGION (or a region in your AWS profile).");
        }
        if (message.startsWith("Unable to load credentials") || message.startsWith("Profile file contained no"
                + " credentials")) {
            return new BackendConfigException("AWS configuration", "No AWS credentials were found"
                    + profile.map(p -> " for profile " + p).orElse("") + ".",
                    "pass --profile, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).");
        }
        if (endpoint.isPresent() && (message.contains("Unable to execute HTTP request")
                || message.contains("Connection refused"))) {
            return new BackendConfigException("AWS configuration", "The endpoint " + endpoint.get()
                    + " does not answer.", "start the local AWS first, or fix --endpoint-url / " + ENDPOINT_VARIABLE
                    + ".");
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return new BackendConfigException("AWS configuration", "AWS could not be reached: "
                + (firstLine.length() > 200 ? firstLine.substring(0, 200) + "..." : firstLine),
                "check your network, --region, --profile and --endpoint-url.");
    }

    private static URI endpointFromEnvironment(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new BackendConfigException(ENDPOINT_VARIABLE, "'" + value + "' is not an endpoint URL.",
                    "set it to a URL such as http://localhost:4566, or unset it.");
        }
    }
}
