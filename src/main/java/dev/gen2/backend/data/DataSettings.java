package dev.gen2.backend.data;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.ResourceFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@link DataResource#define}, Amplify's {@code defineData}.
 *
 * @param name the API's name and construct id; Amplify's default is {@code amplifyData}
 * @param schema the schema
 * @param authorizationModes the authorization modes; Amplify's defaults when none are set
 * @param functionAccess the functions granted access to the API
 */
public record DataSettings(String name, Schema schema, AuthorizationModes authorizationModes,
        List<FunctionAccess> functionAccess) {
    public static final String DEFAULT_NAME = "amplifyData";

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the options; {@link DataResource#define} passes one to the definition lambda. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Schema schema = Schema.of();
        private AuthorizationModes authorizationModes = AuthorizationModes.defaults();
        private final List<FunctionAccess> functionAccess = new ArrayList<>();

        public Builder name(String apiName) {
            this.name = Objects.requireNonNull(apiName, "name");
            return this;
        }

        public Builder schema(Schema dataSchema) {
            this.schema = Objects.requireNonNull(dataSchema, "schema");
            return this;
        }

        public Builder authorizationModes(AuthorizationModes modes) {
            this.authorizationModes = Objects.requireNonNull(modes, "authorizationModes");
            return this;
        }

        /** Grants a function access to the API, Amplify's {@code allow.resource(fn).to([...])}. */
        public Builder access(ResourceFactory<? extends FunctionProvider> function, DataAccess... actions) {
            functionAccess.add(FunctionAccess.of(function, actions));
            return this;
        }

        public DataSettings build() {
            return new DataSettings(name, schema, authorizationModes, List.copyOf(functionAccess));
        }
    }
}
