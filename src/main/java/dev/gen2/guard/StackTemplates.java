package dev.gen2.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The templates of one backend, its root stack's and every nested stack's, each under its stack path: {@code ""}
 * for the root, then the logical ids of the nested-stack resources that lead to it, joined by {@code /}
 * ({@code auth179371D7}, {@code data7552DF31/amplifyDataModelShard38...}). A resource is the same resource to
 * CloudFormation exactly when its stack path and logical id are the same.
 *
 * @param stackName the root stack's name
 * @param templates every template by stack path, root first
 */
public record StackTemplates(String stackName, Map<String, JsonNode> templates) {
    static final String NESTED_STACK_TYPE = "AWS::CloudFormation::Stack";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One resource of a template: where it is, its type and its definition. */
    public record Resource(String address, String type, JsonNode definition) {
        /** The properties of the resource (an empty object when it has none). */
        public JsonNode properties() {
            JsonNode properties = definition.path("Properties");
            return properties.isObject() ? properties : JSON.createObjectNode();
        }

        /** The construct path CDK records in the resource's metadata, when it does. */
        public Optional<String> constructPath() {
            return Optional.of(definition.path("Metadata").path("aws:cdk:path").asText(""))
                    .filter(path -> !path.isEmpty());
        }
    }

    /**
     * The templates of the backend stack in a cloud assembly: the CloudFormation stack its {@code manifest.json}
     * lists (the one named {@code amplify-...} when the app has stacks of its own too), and the nested templates its
     * nested-stack resources name in their {@code aws:asset:path} metadata.
     */
    public static StackTemplates fromAssembly(Path assembly) {
        JsonNode manifest = read(assembly.resolve("manifest.json"), assembly.toString());
        List<Map.Entry<String, JsonNode>> stacks = new ArrayList<>();
        manifest.path("artifacts").fields().forEachRemaining(artifact -> {
            if (artifact.getValue().path("type").asText().equals("aws:cloudformation:stack")) {
                stacks.add(artifact);
            }
        });
        if (stacks.size() > 1) {
            stacks.removeIf(stack -> !stack.getKey().startsWith("amplify-"));
        }
        if (stacks.size() != 1) {
            throw new BackendConfigException(assembly.toString(), "The cloud assembly holds " + stacks.size()
                    + " backend stacks (amplify-...); the guard checks one.", "give the cdk.out directory of one"
                    + " backend's synth.");
        }
        String stackName = stacks.get(0).getKey();
        String templateFile = stacks.get(0).getValue().path("properties").path("templateFile").asText();
        JsonNode root = read(assembly.resolve(templateFile), assembly.toString());
        return collect(stackName, root, (parent, logicalId, nested) -> {
            String file = nested.path("Metadata").path("aws:asset:path").asText("");
            if (file.isEmpty()) {
                throw new BackendConfigException(assembly.toString(), "A nested stack has no aws:asset:path"
                        + " metadata, so its template cannot be found.", "synthesize with asset metadata on (as"
                        + " `cdk synth` and the gen2 commands do).");
            }
            return read(assembly.resolve(file), assembly.toString());
        });
    }

    /** Where the template of a nested stack comes from. */
    @FunctionalInterface
    interface NestedTemplates {
        /** The template of the nested stack {@code logicalId} of the stack at {@code parentPath}. */
        JsonNode template(String parentPath, String logicalId, JsonNode definition);
    }

    /** Walks a root template and, through {@code nestedTemplate}, every template below it. */
    static StackTemplates collect(String stackName, JsonNode root, NestedTemplates nestedTemplate) {
        Map<String, JsonNode> templates = new LinkedHashMap<>();
        addWithNested("", root, nestedTemplate, templates);
        return new StackTemplates(stackName, templates);
    }

    private static void addWithNested(String stackPath, JsonNode template, NestedTemplates nestedTemplate,
            Map<String, JsonNode> templates) {
        templates.put(stackPath, template);
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (resource.getValue().path("Type").asText().equals(NESTED_STACK_TYPE)) {
                addWithNested(address(stackPath, resource.getKey()), nestedTemplate.template(stackPath,
                        resource.getKey(), resource.getValue()), nestedTemplate, templates);
            }
        }
    }

    /** Every resource of every template, nested-stack resources included. */
    public List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        templates.forEach((stackPath, template) -> template.path("Resources").fields().forEachRemaining(entry ->
                resources.add(new Resource(address(stackPath, entry.getKey()), entry.getValue().path("Type")
                        .asText(), entry.getValue()))));
        return resources;
    }

    static String address(String stackPath, String logicalId) {
        return stackPath.isEmpty() ? logicalId : stackPath + "/" + logicalId;
    }

    static JsonNode parse(String templateBody, String where) {
        try {
            return JSON.readTree(templateBody);
        } catch (IOException e) {
            String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new BackendConfigException(where, "A template is not JSON: " + firstLine,
                    "deploy the backend with the gen2 commands or the CDK CLI, which write JSON templates.");
        }
    }

    private static JsonNode read(Path file, String where) {
        try {
            return parse(Files.readString(file), where);
        } catch (IOException e) {
            throw new BackendConfigException(where, "Cannot read " + file + ": " + e.getMessage(), "give a cloud"
                    + " assembly directory (cdk.out) that `cdk synth` or `gen2 check` wrote.");
        }
    }
}
