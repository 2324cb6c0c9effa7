package dev.gen2.backend.outputs;

import dev.gen2.backend.BackendConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Reads a deployed backend as Amplify does: the stack's outputs with DescribeStacks, grouped by the
 * {@code AWS::Amplify::*} entries of its template's metadata. Amplify reads that metadata with GetTemplateSummary;
 * we read it from the template itself (GetTemplate), which local AWS emulators such as moto also answer. Where the
 * metadata cannot be read, the outputs are grouped by their names.
 */
public final class DeployedStack {

    private DeployedStack() {
    }

    public static BackendOutput read(CloudFormationClient cloudFormation, String stackName) {
        String where = "stack " + stackName;
        Stack stack = describe(cloudFormation, stackName, where);
        String status = stack.stackStatusAsString();
        if (status != null && status.endsWith("_IN_PROGRESS")) {
            throw new BackendConfigException(where, "The stack is being deployed (" + status + ").",
                    "wait until the deployment has finished, then run generate outputs again.");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        Map<String, BackendOutput.MetadataEntry> metadata = amplifyMetadata(cloudFormation, stackName);
        BackendOutput backend = metadata.containsKey(BackendOutput.PLATFORM)
                ? BackendOutput.fromMetadata(outputs, metadata)
                : BackendOutput.fromOutputNames(outputs);
        return backend.requireBackend(where);
    }

    private static Stack describe(CloudFormationClient cloudFormation, String stackName, String where) {
        try {
            List<Stack> stacks = cloudFormation.describeStacks(request -> request.stackName(stackName)).stacks();
            if (stacks.isEmpty()) {
                throw notFound(where);
            }
            return stacks.get(0);
        } catch (CloudFormationException e) {
            if (e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorMessage())
                    .contains("does not exist")) {
                throw notFound(where);
            }
            throw awsError(where, e);
        }
    }

    private static Map<String, BackendOutput.MetadataEntry> amplifyMetadata(CloudFormationClient cloudFormation,
            String stackName) {
        Map<String, BackendOutput.MetadataEntry> entries = new LinkedHashMap<>();
        Object metadata;
        try {
            String template = cloudFormation.getTemplate(request -> request.stackName(stackName)).templateBody();
            metadata = JsonText.parseObject(template).get("Metadata");
        } catch (SdkException | IllegalArgumentException e) {
            return entries;
        }
        if (!(metadata instanceof Map<?, ?> metadataEntries)) {
            return entries;
        }
        metadataEntries.forEach((key, value) -> {
            if (key.toString().startsWith("AWS::Amplify::") && value instanceof Map<?, ?> entry
                    && entry.get("stackOutputs") instanceof List<?> names) {
                List<String> stackOutputs = new ArrayList<>();
                names.forEach(name -> stackOutputs.add(name.toString()));
                entries.put(key.toString(), new BackendOutput.MetadataEntry(String.valueOf(entry.get("version")), stackOutputs));
            }
        });
        return entries;
    }

    private static BackendConfigException notFound(String where) {
        return new BackendConfigException(where, "The stack does not exist in this account and region.",
                "check the stack name (or --app-id, --branch, --identifier), --region and --profile, and that the"
                        + " backend is deployed.");
    }

    /** A refusal from CloudFormation; problems on this side (credentials, region, network) reach the caller. */
    private static BackendConfigException awsError(String where, CloudFormationException e) {
        String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
        return new BackendConfigException(where, "AWS could not be asked for the stack: " + message + ".",
                "check your credentials (--profile), --region, and --endpoint-url if you use one.");
    }
}
