package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendOutputStorage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deployed backend's outputs, grouped as its root stack's metadata groups them: {@code AWS::Amplify::Auth} and
 * the others, each with the output fields recorded under it. This is what {@code amplify_outputs.json} is made from.
 *
 * @param entries metadata key to its entry
 */
public record BackendOutput(Map<String, Entry> entries) {
    public static final String PLATFORM = BackendOutputStorage.PLATFORM_KEY;
    public static final String AUTH = BackendOutputStorage.AUTH_KEY;
    public static final String GRAPHQL = BackendOutputStorage.GRAPHQL_KEY;
    public static final String STORAGE = BackendOutputStorage.STORAGE_KEY;
    public static final String CUSTOM = BackendOutputStorage.CUSTOM_KEY;
    public static final String FUNCTION = BackendOutputStorage.FUNCTION_KEY;

    /**
     * The output fields of each metadata key, for sources that carry the outputs without the template metadata
     * (the file {@code cdk deploy --outputs-file} writes).
     */
    private static final Map<String, Set<String>> KNOWN_FIELDS = Map.of(
            PLATFORM, Set.of("deploymentType", "region"),
            AUTH, Set.of("userPoolId", "webClientId", "identityPoolId", "authRegion",
                    "allowUnauthenticatedIdentities", "signupAttributes", "usernameAttributes",
                    "verificationMechanisms", "passwordPolicyMinLength", "passwordPolicyRequirements",
                    "mfaConfiguration", "mfaTypes", "passwordlessOptions", "socialProviders", "oauthCognitoDomain",
                    "oauthScope", "oauthRedirectSignIn", "oauthRedirectSignOut", "oauthResponseType",
                    "oauthClientId", "groups"),
            GRAPHQL, Set.of("awsAppsyncApiId", "awsAppsyncApiEndpoint", "awsAppsyncAuthenticationType",
                    "awsAppsyncRegion", "awsAppsyncApiKey", "awsAppsyncAdditionalAuthenticationTypes",
                    "awsAppsyncConflictResolutionMode", "amplifyApiModelSchemaS3Uri"),
            STORAGE, Set.of("bucketName", "storageRegion", "buckets"),
            CUSTOM, Set.of("customOutputs"),
            FUNCTION, Set.of("definedFunctions"));

    /** One metadata key's version and fields. */
    public record Entry(String version, Map<String, String> payload) {
        public Entry {
            payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
        }

        public Optional<String> field(String name) {
            return Optional.ofNullable(payload.get(name));
        }
    }

    public BackendOutput {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * Groups stack outputs by the template metadata ({@code key -> {version, stackOutputs}}), as Amplify reads a
     * deployed stack.
     */
    public static BackendOutput fromMetadata(Map<String, String> outputs, Map<String, MetadataEntry> metadata) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        metadata.forEach((key, entry) -> {
            Map<String, String> payload = new LinkedHashMap<>();
            entry.stackOutputs().forEach(name -> {
                if (outputs.containsKey(name)) {
                    payload.put(name, outputs.get(name));
                }
            });
            entries.put(key, new Entry(entry.version(), payload));
        });
        return new BackendOutput(entries);
    }

    /** A template metadata entry: its version and the names of its stack outputs. */
    public record MetadataEntry(String version, List<String> stackOutputs) {
    }

    /** Groups stack outputs by their names alone, for sources without the template metadata. */
    public static BackendOutput fromOutputNames(Map<String, String> outputs) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String key : List.of(PLATFORM, AUTH, GRAPHQL, STORAGE, CUSTOM, FUNCTION)) {
            Map<String, String> payload = new LinkedHashMap<>();
            outputs.forEach((name, value) -> {
                if (KNOWN_FIELDS.get(key).contains(name)) {
                    payload.put(name, value);
                }
            });
            if (!payload.isEmpty()) {
                entries.put(key, new Entry("1", payload));
            }
        }
        return new BackendOutput(entries);
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Fails unless these are the outputs of a backend this project (or Amplify) deployed. */
    public BackendOutput requireBackend(String source) {
        if (!entries.containsKey(PLATFORM)) {
            throw new BackendConfigException(source,
                    "This stack was not made by gen2-backend (or Amplify Gen 2): it has no AWS::Amplify::Platform"
                            + " outputs.", "name the root stack of a backend, amplify-<namespace>-<name>-<type>-<hash>.");
        }
        return this;
    }
}
