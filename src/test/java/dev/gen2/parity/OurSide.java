package dev.gen2.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.Backend;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.outputs.BackendOutput;
import dev.gen2.backend.outputs.ClientConfigGenerator;
import dev.gen2.backend.outputs.ClientConfigVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** Our side of a case: the same backend synthesized in this JVM, with the context Amplify's side is given. */
final class OurSide {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OurSide() {
    }

    /** What our library synthesized: the SDL's file, the introspection document, the outputs' data section. */
    record Result(Path sdl, JsonNode modelIntrospection, JsonNode outputsData, Backend backend) {
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
                backend);
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
