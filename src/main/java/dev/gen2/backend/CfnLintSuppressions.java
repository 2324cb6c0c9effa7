package dev.gen2.backend;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/** cfn-lint findings about what CDK writes, not about the backend, silenced on the one resource they concern. */
public final class CfnLintSuppressions {

    private CfnLintSuppressions() {
    }

    /**
     * CDK's Lambda functions carry a DependsOn on their role that the role's GetAtt already implies; cfn-lint warns
     * about it (W3005). Silences that warning on this function only.
     */
    public static void redundantRoleDependency(IConstruct function) {
        ((CfnResource) function.getNode().getDefaultChild()).addMetadata("cfn-lint",
                Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
    }
}
