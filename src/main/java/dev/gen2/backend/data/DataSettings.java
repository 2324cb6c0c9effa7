package dev.gen2.backend.data;

import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.Required;
import dev.gen2.backend.ResourceFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@link DataResource#define}, Amplify's {@code defineData}.
 *
 * @param name the API's name and construct id; Amplify's default is {@code amplifyData}
 * @param schema the schema
 * @param authorizationModes the authorization modes; Amplify's defaults when none are set
 * @param functionAccess the functions granted access to the API
 * @param logging the API's CloudWatch logging; none by default, as in Amplify
 */
public record DataSettings(String name, Schema schema, AuthorizationModes authorizationModes,
        List<FunctionAccess> functionAccess, Optional<DataLogging> logging) {
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
        private Optional<DataLogging> logging = Optional.empty();

        public Builder name(String apiName) {
            this.name = Required.argument(apiName, "data.name", "The API name", "give a name such as \"amplifyData\","
                    + " or leave the default.");
            return this;
        }

        public Builder schema(Schema dataSchema) {
            this.schema = Required.argument(dataSchema, "data.schema", "The schema",
                    "pass Schema.of(Model.named(\"Todo\")...).");
            return this;
        }

        public Builder authorizationModes(AuthorizationModes modes) {
            this.authorizationModes = Required.argument(modes, "data.authorizationModes", "The authorization modes",
                    "pass AuthorizationModes.defaults() or modes made from it.");
            return this;
        }

        /** Grants a function access to the API, Amplify's {@code allow.resource(fn).to([...])}. */
        public Builder access(ResourceFactory<? extends FunctionProvider> function, DataAccess... actions) {
            functionAccess.add(FunctionAccess.of(function, actions));
            return this;
        }

        /** Logs the API's requests to CloudWatch with Amplify's defaults, its {@code logging: true}. */
        public Builder logging() {
            return logging(DataLogging.defaults());
        }

        /** Logs the API's requests to CloudWatch with these options, Amplify's {@code logging: {...}}. */
        public Builder logging(DataLogging options) {
            this.logging = Optional.of(Required.argument(options, "data.logging", "The logging options",
                    "pass DataLogging.defaults() or options made from it, or call logging() for the defaults."));
            return this;
        }

        public DataSettings build() {
            return new DataSettings(name, schema, authorizationModes, List.copyOf(functionAccess), logging);
        }
    }
}
