package dev.gen2.backend;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.RemovalPolicy;
import software.constructs.IConstruct;

/**
 * Sandboxes leave nothing behind: as in Amplify, every CloudFormation resource of a sandbox is deleted with it.
 */
final class SandboxRemovalPolicy implements IAspect {
    @Override
    public void visit(IConstruct node) {
        if (node instanceof CfnResource resource) {
            resource.applyRemovalPolicy(RemovalPolicy.DESTROY);
        }
    }
}
