package dev.gen2.cli;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.deploy.AwsConnection;
import dev.gen2.guard.DataLossGuard;
import dev.gen2.guard.DeployedTemplates;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** The guard's option, shared by {@code check} and the deploying commands. */
final class GuardOptions {
    @Option(names = "--allow-replacement", split = ",", paramLabel = "RESOURCE", description = "Let the deploy"
            + " delete or replace this stateful resource (its address, logical id or construct path, as the guard's"
            + " message names it); repeatable. Default: none.")
    private List<String> allowReplacement = List.of();

    /** The guard comparing with what is deployed, read through {@code connection}. */
    DataLossGuard againstDeployed(AwsConnection connection, Consumer<String> out) {
        return new DataLossGuard(stackName -> {
            try (CloudFormationClient cloudFormation = connection.configure(CloudFormationClient.builder()).build()) {
                return DeployedTemplates.read(cloudFormation, stackName);
            } catch (SdkClientException e) {
                throw connection.explain(e);
            } catch (AwsServiceException e) {
                throw new BackendConfigException("check", "Reading the deployed stacks from CloudFormation failed: "
                        + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()),
                        "give the credentials cloudformation:DescribeStacks, GetTemplate and ListStackResources on"
                                + " the backend's stacks (the guard reads them before every deploy).");
            }
        }, allowReplacement, out);
    }

    /** The guard comparing with a baseline assembly. */
    DataLossGuard against(DataLossGuard.Baseline baseline, Consumer<String> out) {
        return new DataLossGuard(baseline, allowReplacement, out);
    }
}
