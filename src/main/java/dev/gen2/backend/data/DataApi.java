package dev.gen2.backend.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What each model's stack needs of the API it belongs to.
 *
 * @param apiId the AppSync API id
 * @param identityPoolId the backend's identity pool, whose callers' IAM identities the rules check
 * @param subscriptionFunctionId the function subscriptions run, on the API's NONE data source
 * @param resolverCodePath the shared resolver function code, {@code model-resolver.js}
 * @param sandbox whether the backend is a sandbox: tables are then destroyed with it, without backups
 * @param environmentName the last part of table names: {@code NONE} in a sandbox, as in Amplify, else the name
 */
record DataApi(String apiId, Optional<String> identityPoolId, String subscriptionFunctionId, Path resolverCodePath,
        boolean sandbox, String environmentName) {
}
