package dev.gen2.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gen2.backend.Backend;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.outputs.BackendOutput;
import dev.gen2.backend.outputs.ClientConfigGenerator;
import dev.gen2.backend.outputs.ClientConfigVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** Our side of a case: the same backend synthesized in this JVM, with the context Amplify's side is given. */
final class OurSide {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OurSide() {
    }

    /** What our library synthesized: the SDL's file, the introspection document, the outputs' data section, logging. */
    record Result(Path sdl, JsonNode modelIntrospection, JsonNode outputsData, JsonNode logging) {
    }

    @SuppressWarnings("unchecked")
    static Result synthesize(ParityCase parityCase, Path work) throws IOException {
        App app = App.Builder.create().outdir(work.resolve("ours-" + parityCase.name() + ".out").toString())
                .context(JSON.readValue(AmplifySide.CONTEXT, Map.class)).build();
        Backend backend = Backend.define(app, parityCase.resources().toArray(dev.gen2.backend.ResourceFactory[]::new));
        DataResource data = parityCase.resources().stream().filter(DataResource.Factory.class::isInstance)
                .map(factory -> backend.get((DataResource.Factory) factory)).findFirst().orElseThrow();
        Path sdl = work.resolve("ours-" + parityCase.name() + ".graphql");
        Files.writeString(sdl, data.graphqlSchema());
        // the data section through our generator, from the root stack's outputs as they would read once deployed;
        // the document at amplifyApiModelSchemaS3Uri is the one the data resource uploads
        Map<String, Object> config = ClientConfigGenerator.generate(backendOutput(Template.fromStack(
                backend.rootStack())), ClientConfigVersion.DEFAULT, uri -> data.modelIntrospection());
        return new Result(sdl, JSON.valueToTree(data.modelIntrospection()), JSON.valueToTree(config.get("data")),
                logging(JSON.valueToTree(Template.fromStack(Stack.of(data.cfnGraphqlApi())).toJSON())));
    }

    /** The API's logging, described as {@code synth-case.ts} describes Amplify's; null without logging. */
    private static JsonNode logging(JsonNode template) {
        JsonNode resources = template.get("Resources");
        JsonNode api = find(resources, "AWS::AppSync::GraphQLApi").orElseThrow().get("Properties");
        if (!api.has("LogConfig")) {
            return NullNode.getInstance();
        }
        JsonNode config = api.get("LogConfig");
        JsonNode role = resources.get(config.at("/CloudWatchLogsRoleArn/Fn::GetAtt/0").asText()).get("Properties");
        ObjectNode logging = JSON.createObjectNode();
        logging.set("fieldLogLevel", config.get("FieldLogLevel"));
        logging.set("excludeVerboseContent", config.get("ExcludeVerboseContent"));
        ArrayNode assumedBy = logging.putArray("roleAssumedBy");
        role.at("/AssumeRolePolicyDocument/Statement").forEach(statement -> assumedBy.add(
                statement.at("/Principal/Service")));
        ArrayNode policies = logging.putArray("roleManagedPolicies");
        Matcher policy = Pattern.compile("policy/[^\"]+").matcher(role.get("ManagedPolicyArns").toString());
        while (policy.find()) {
            policies.add(policy.group());
        }
        logging.set("retentionInDays", find(resources, "AWS::Logs::LogGroup").map(group -> group.at(
                "/Properties/RetentionInDays")).filter(days -> !days.isMissingNode()).orElse(NullNode.getInstance()));
        return logging;
    }

    private static Optional<JsonNode> find(JsonNode resources, String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(resource -> {
            if (type.equals(resource.path("Type").asText())) {
                found.add(resource);
            }
        });
        return found.stream().findFirst();
    }

    /**
     * The backend's outputs by the rule {@code synth-case.ts} applies to Amplify's: a literal as synthesized, the
     * region us-east-1, and {@code deployed:<output>} for each value CloudFormation makes up at deploy time.
     */
    private static BackendOutput backendOutput(Template root) {
        Map<String, String> outputs = new LinkedHashMap<>();
        root.findOutputs("*").forEach((name, output) -> {
            Object value = output.get("Value");
            outputs.put(name, value instanceof String text ? text
                    : Map.of("Ref", "AWS::Region").equals(value) ? "us-east-1" : "deployed:" + name);
        });
        Map<String, BackendOutput.MetadataEntry> metadata = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) root.toJSON().get("Metadata")).forEach((key, entry) -> metadata.put(key,
                new BackendOutput.MetadataEntry(String.valueOf(entry.get("version")),
                        ((List<?>) entry.get("stackOutputs")).stream().map(String::valueOf).toList())));
        return BackendOutput.fromMetadata(outputs, metadata);
    }
}
