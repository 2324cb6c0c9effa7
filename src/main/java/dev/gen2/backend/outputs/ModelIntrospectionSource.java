package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;

/**
 * Where the {@code data} section's model introspection comes from: the data resource uploads it with the deploy
 * and records its S3 location ({@code amplifyApiModelSchemaS3Uri}), as Amplify does, because a schema of many
 * models outgrows a stack output.
 */
@FunctionalInterface
public interface ModelIntrospectionSource {

    /** The document at an {@code s3://bucket/key} location, parsed. */
    Object read(String s3Uri);

    /** For configurations made without AWS access: a backend with data is then an error that says what to do. */
    static ModelIntrospectionSource unavailable() {
        return uri -> {
            throw new BackendConfigException("data", "The model introspection is stored at " + uri
                    + ", and this generator was given no access to S3.", "generate the outputs with gen2 generate"
                    + " outputs, which reads it with your AWS credentials.");
        };
    }
}
