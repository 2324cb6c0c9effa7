package dev.gen2.backend.outputs;

import dev.gen2.backend.outputs.BackendOutput.Entry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code data} section, from the {@code AWS::Amplify::GraphQL} outputs. */
final class DataConfigSection {

    private DataConfigSection() {
    }

    static Map<String, Object> build(Entry data, ModelIntrospectionSource introspection) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("url", data.field("awsAppsyncApiEndpoint").orElse(""));
        section.put("aws_region", data.field("awsAppsyncRegion").orElse(""));
        AuthConfigSection.nonEmpty(data, "awsAppsyncApiKey").ifPresent(key -> section.put("api_key", key));
        section.put("default_authorization_type", data.field("awsAppsyncAuthenticationType").orElse(""));
        section.put("authorization_types", Arrays.stream(data.field("awsAppsyncAdditionalAuthenticationTypes")
                .orElse("").split(",")).filter(type -> !type.isEmpty()).toList());
        AuthConfigSection.nonEmpty(data, "amplifyApiModelSchemaS3Uri")
                .ifPresent(uri -> section.put("model_introspection", introspection.read(uri)));
        return section;
    }
}
