package dev.gen2.localaws.lambda;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a function's process gets: the template's variables, then Lambda's own (what the runtime interface
 * clients and the AWS SDKs read), then the local AWS's endpoint and the credentials its SDK calls are signed with.
 */
final class FunctionEnvironment {
    private FunctionEnvironment() {
    }

    /**
     * @param runtimeApi  {@code host:port} of the process's Runtime API
     * @param credentials what the function's AWS SDK calls are signed with
     */
    static Map<String, String> of(FunctionDefinition function, Path taskRoot, String runtimeApi, URI awsEndpoint,
            String region, Credentials credentials) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMegabytes()));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + function.codeSha256().hashCode());
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("_HANDLER", function.handler());
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("TZ", ":UTC");
        environment.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        credentials.sessionToken().ifPresent(token -> environment.put("AWS_SESSION_TOKEN", token));
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        return environment;
    }
}
