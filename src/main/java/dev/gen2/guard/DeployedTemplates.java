package dev.gen2.guard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * The templates a backend is deployed with, read from CloudFormation: {@code GetTemplate} of the root stack and, for
 * each nested-stack resource ({@code ListStackResources}), of the nested stack it created. Only reads.
 */
public final class DeployedTemplates {
    private DeployedTemplates() {
    }

    /** The deployed templates of the stack {@code stackName}, or empty when no such stack exists yet. */
    public static Optional<StackTemplates> read(CloudFormationClient cloudFormation, String stackName) {
        String rootBody;
        try {
            rootBody = template(cloudFormation, stackName);
        } catch (CloudFormationException e) {
            if (String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
                    .contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> stackIds = new HashMap<>(Map.of("", stackName));
        return Optional.of(StackTemplates.collect(stackName, StackTemplates.parse(rootBody, stackName),
                (parentPath, logicalId, definition) -> {
                    Optional<String> nestedId = Optional.ofNullable(stackIds.get(parentPath))
                            .flatMap(parent -> nestedStackId(cloudFormation, parent, logicalId));
                    if (nestedId.isEmpty()) {
                        // in the template but never created (a failed first deploy): it holds nothing
                        return StackTemplates.parse("{}", stackName);
                    }
                    stackIds.put(StackTemplates.address(parentPath, logicalId), nestedId.get());
                    return StackTemplates.parse(template(cloudFormation, nestedId.get()), stackName + "/"
                            + logicalId);
                }));
    }

    private static String template(CloudFormationClient cloudFormation, String stack) {
        return cloudFormation.getTemplate(request -> request.stackName(stack).templateStage(TemplateStage.ORIGINAL))
                .templateBody();
    }

    private static Optional<String> nestedStackId(CloudFormationClient cloudFormation, String parent,
            String logicalId) {
        return cloudFormation.listStackResourcesPaginator(request -> request.stackName(parent))
                .stackResourceSummaries().stream()
                .filter(resource -> resource.logicalResourceId().equals(logicalId))
                .map(StackResourceSummary::physicalResourceId)
                .filter(id -> id != null && !id.isEmpty())
                .findFirst();
    }
}
