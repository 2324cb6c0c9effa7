package dev.gen2.backend;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * cfn-lint findings about what CDK writes, not about the backend, silenced on the resources they concern: every
 * Lambda function CDK makes (ours, and the providers of its own custom resources, such as S3 auto-delete and bucket
 * notifications) carries a DependsOn on its role that the role's GetAtt already implies, which cfn-lint reports as
 * W3005. Applied to a backend's root stack, it reaches every nested stack; functions added after
 * {@code Backend.define} are not marked.
 */
final class CfnLintSuppressions {
    private static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";

    private CfnLintSuppressions() {
    }

    /**
     * Marks the Lambda functions the backend holds once its resources are built. It walks the tree from Java rather
     * than as a CDK aspect: an aspect written in Java is called back from CDK's JavaScript for every construct, and
     * jsii nests those callbacks on the Java stack, which a schema of hundreds of models overflows.
     */
    static void apply(Stack root) {
        for (IConstruct node : root.getNode().findAll()) {
            if (node instanceof CfnResource resource && LAMBDA_FUNCTION.equals(resource.getCfnResourceType())) {
                resource.addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
            }
        }
    }
}
