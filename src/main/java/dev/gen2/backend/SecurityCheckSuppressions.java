package dev.gen2.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.constructs.IConstruct;

/**
 * The findings of cdk-nag's AwsSolutions checks that the backend accepts on purpose, each recorded on the resource
 * with its reason, in the metadata cdk-nag reads ({@code cdk_nag.rules_to_suppress}), so a team running cdk-nag
 * over its backend sees only what it should look at. Written without a dependency on cdk-nag; the build runs
 * cdk-nag over every backend the tests synthesize and fails on any finding left (TestBackends).
 */
public final class SecurityCheckSuppressions {
    static final String METADATA_KEY = "cdk_nag";

    private SecurityCheckSuppressions() {
    }

    /**
     * Records, once a backend's resources are built, the findings every backend has on purpose, wherever the
     * resource comes from (a function of ours or the user's, or what CDK makes for custom resources, bucket
     * notifications and schedules). Walks the tree from Java, as {@link CfnLintSuppressions} does.
     */
    static void acceptCommonFindings(Stack root) {
        for (IConstruct node : root.getNode().findAll()) {
            if (node instanceof CfnFunction function) {
                suppress(function, "L1", "The runtime is the one chosen where the function is defined (Amplify's"
                        + " default is Node.js 22, CDK picks its custom resources'); Lambda supports it, and the"
                        + " check asks only for the newest.");
            } else if (node instanceof CfnRole role && resolved(role, role.getManagedPolicyArns())
                    .contains("AWSLambdaBasicExecutionRole")) {
                suppressMatching(role, "IAM4", "AWSLambdaBasicExecutionRole allows only writing the function's"
                        + " CloudWatch logs (CreateLogGroup, CreateLogStream, PutLogEvents), the role every CDK and"
                        + " Amplify function has.",
                        "^Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole$");
            } else if (node instanceof CfnPolicy policy && resolved(policy, policy.getPolicyDocument())
                    .contains("lambda:InvokeFunction")) {
                suppressMatching(policy, "IAM5", "CDK's invoke grant covers the function and its versions and"
                        + " aliases (<function arn>:*); the role invokes nothing but that function.",
                        "^Resource::<[^>]+>:\\*$");
            }
        }
    }

    private static String resolved(CfnResource resource, Object value) {
        return String.valueOf(Stack.of(resource).resolve(value));
    }

    /** Accepts every finding of {@code rule} on the resource, for {@code reason}. */
    public static void suppress(CfnResource resource, String rule, String reason) {
        add(resource, rule, reason, List.of());
    }

    /**
     * Accepts the findings of a granular rule (IAM4, IAM5) whose subject matches one of the regular expressions,
     * such as {@code ^Resource::<.*\.Arn>/public/\*$}, for {@code reason}.
     */
    public static void suppressMatching(CfnResource resource, String rule, String reason, String... patterns) {
        List<Object> appliesTo = new ArrayList<>();
        for (String pattern : patterns) {
            appliesTo.add(Map.of("regex", "/" + pattern + "/"));
        }
        add(resource, rule, reason, appliesTo);
    }

    @SuppressWarnings("unchecked")
    private static void add(CfnResource resource, String rule, String reason, List<Object> appliesTo) {
        Object existing = resource.getMetadata(METADATA_KEY);
        List<Object> rules = new ArrayList<>();
        if (existing instanceof Map<?, ?> metadata && metadata.get("rules_to_suppress") instanceof List<?> earlier) {
            rules.addAll(earlier);
        }
        Map<String, Object> suppression = new LinkedHashMap<>();
        suppression.put("id", "AwsSolutions-" + rule);
        suppression.put("reason", reason);
        if (!appliesTo.isEmpty()) {
            suppression.put("applies_to", appliesTo);
        }
        rules.add(suppression);
        resource.addMetadata(METADATA_KEY, Map.of("rules_to_suppress", rules));
    }
}
