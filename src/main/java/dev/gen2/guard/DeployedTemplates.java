package dev.gen2.guard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * The templates a backend is deployed with, read from CloudFormation: {@code DescribeStacks} of the root stack,
 * {@code GetTemplate} of it and, for each nested-stack resource that exists ({@code ListStackResources}, once per
 * stack), of the nested stack it created. Only reads; the caller needs {@code cloudformation:DescribeStacks},
 * {@code GetTemplate} and {@code ListStackResources}.
 */
public final class DeployedTemplates {
    /**
     * A root stack in these states holds nothing: a first deploy that rolled back, a change set never executed, a
     * deleted stack. The CDK CLI replaces such a stack, so there is nothing to guard.
     */
    private static final Set<StackStatus> HOLDS_NOTHING = Set.of(StackStatus.ROLLBACK_COMPLETE,
            StackStatus.REVIEW_IN_PROGRESS, StackStatus.DELETE_COMPLETE);
    /** A nested-stack resource in these states has no stack behind it. */
    private static final Set<ResourceStatus> NOT_CREATED = Set.of(ResourceStatus.CREATE_FAILED,
            ResourceStatus.DELETE_COMPLETE);

    private DeployedTemplates() {
    }

    /** The deployed templates of the stack {@code stackName}, or empty when it is not deployed (or holds nothing). */
    public static Optional<StackTemplates> read(CloudFormationClient cloudFormation, String stackName) {
        Optional<StackStatus> status = status(cloudFormation, stackName);
        if (status.isEmpty() || HOLDS_NOTHING.contains(status.get())) {
            return Optional.empty();
        }
        Map<String, String> stackIds = new HashMap<>(Map.of("", stackName));
        Map<String, List<StackResourceSummary>> resourcesByStack = new HashMap<>();
        return Optional.of(StackTemplates.collect(stackName, StackTemplates.parse(template(cloudFormation,
                stackName), stackName), (parentPath, logicalId, definition) -> {
                    Optional<String> nestedId = Optional.ofNullable(stackIds.get(parentPath)).flatMap(parent ->
                            resourcesByStack.computeIfAbsent(parent, id -> resources(cloudFormation, id)).stream()
                                    .filter(resource -> resource.logicalResourceId().equals(logicalId))
                                    .filter(resource -> !NOT_CREATED.contains(resource.resourceStatus()))
                                    .map(StackResourceSummary::physicalResourceId)
                                    .filter(id -> id != null && !id.isEmpty())
                                    .findFirst());
                    if (nestedId.isEmpty()) {
                        return StackTemplates.parse("{}", stackName); // never created: it holds nothing
                    }
                    stackIds.put(StackTemplates.address(parentPath, logicalId), nestedId.get());
                    return StackTemplates.parse(template(cloudFormation, nestedId.get()), stackName + "/"
                            + logicalId);
                }));
    }

    private static Optional<StackStatus> status(CloudFormationClient cloudFormation, String stackName) {
        try {
            return cloudFormation.describeStacks(request -> request.stackName(stackName)).stacks().stream()
                    .findFirst().map(stack -> stack.stackStatus());
        } catch (CloudFormationException e) {
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (String.valueOf(message).contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String template(CloudFormationClient cloudFormation, String stack) {
        return cloudFormation.getTemplate(request -> request.stackName(stack).templateStage(TemplateStage.ORIGINAL))
                .templateBody();
    }

    private static List<StackResourceSummary> resources(CloudFormationClient cloudFormation, String stack) {
        return cloudFormation.listStackResourcesPaginator(request -> request.stackName(stack))
                .stackResourceSummaries().stream().toList();
    }
}
