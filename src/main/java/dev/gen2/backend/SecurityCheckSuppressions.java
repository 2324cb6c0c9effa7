package dev.gen2.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.CfnRole;
import software.constructs.IConstruct;

/**
 * The findings of cdk-nag's AwsSolutions checks that the backend accepts on purpose, each recorded on the resource
 * with its reason, so a team running cdk-nag over its backend sees only what it should look at: for cdk-nag 3 (a
 * validation plugin) as CDK's acknowledgments in the construct tree ({@code aws:cdk:acknowledged-rules}, one per
 * finding: granular findings are named in full, {@code AwsSolutions-IAM5[Resource::...]}, see
 * {@link SecurityCheckFindings}), and for cdk-nag 2 (an aspect) in the template metadata it reads
 * ({@code cdk_nag.rules_to_suppress}, with patterns for granular rules). Written without a dependency on cdk-nag;
 * the build runs cdk-nag 3 over every backend the tests synthesize and fails on any finding left (TestBackends).
 */
public final class SecurityCheckSuppressions {
    static final String METADATA_KEY = "cdk_nag";

    private SecurityCheckSuppressions() {
    }

    /**
     * Records, once a backend's resources are built, two findings that depend on how CDK grants rather than on who
     * made the resource: the basic execution role of Lambda functions (ours, the user's, CDK's custom resources')
     * and CDK's invoke grants on a function's versions and aliases (schedules, data sources, custom resource
     * providers). Walks the tree from Java, as {@link CfnLintSuppressions} does.
     */
    static void acceptCommonFindings(Stack root) {
        for (IConstruct node : root.getNode().findAll()) {
            if (node instanceof CfnRole role && resolved(role, role.getManagedPolicyArns())
                    .contains("AWSLambdaBasicExecutionRole")) {
                suppressMatching(role, "IAM4", "AWSLambdaBasicExecutionRole allows only writing the function's"
                        + " CloudWatch logs (CreateLogGroup, CreateLogStream, PutLogEvents), the role every CDK and"
                        + " Amplify function has.",
                        "^Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole$");
            } else if (node instanceof CfnPolicy policy && onlyInvokeGrantsEndIn(policy)) {
                suppressMatching(policy, "IAM5", "CDK's invoke grant covers each invoked function's versions and"
                        + " aliases (<function arn>:*); those statements allow lambda:InvokeFunction and nothing else.",
                        "^Resource::<[^>]+>:\\*$");
            }
        }
    }

    /**
     * Whether the policy has resources ending in {@code :*} and every statement that has one allows exactly
     * {@code lambda:InvokeFunction}: the shape of CDK's invoke grants, and nothing broader.
     */
    private static boolean onlyInvokeGrantsEndIn(CfnPolicy policy) {
        Object document = Stack.of(policy).resolve(policy.getPolicyDocument());
        if (!(document instanceof Map<?, ?> map) || !(map.get("Statement") instanceof List<?> statements)) {
            return false;
        }
        boolean any = false;
        for (Object statement : statements) {
            Map<?, ?> fields = (Map<?, ?>) statement;
            if (String.valueOf(fields.get("Resource")).contains(":*")) {
                any = true;
                if (!"lambda:InvokeFunction".equals(fields.get("Action"))) {
                    return false;
                }
            }
        }
        return any;
    }

    private static String resolved(CfnResource resource, Object value) {
        return String.valueOf(Stack.of(resource).resolve(value));
    }

    /** Accepts every finding of {@code rule} on the resource, for {@code reason}. */
    public static void suppress(CfnResource resource, String rule, String reason) {
        add(resource, rule, reason, List.of());
        SecurityCheckFindings.acknowledge(resource, "AwsSolutions-" + rule, reason);
    }

    /**
     * Accepts the finding of a rule only cdk-nag 3 has (such as COG8), for {@code reason}, in the construct tree
     * only: the template, which cdk-nag 2 reads and which is deployed, does not change.
     */
    public static void acknowledge(CfnResource resource, String rule, String reason) {
        SecurityCheckFindings.acknowledge(resource, "AwsSolutions-" + rule, reason);
    }

    /**
     * Accepts the findings of a granular rule (IAM4, IAM5) whose subject matches one of the regular expressions,
     * such as {@code ^Resource::<.*\.Arn>/public/\*$}, for {@code reason}: for cdk-nag 3 each matching finding of the
     * synthesized resource is acknowledged by its full id.
     */
    public static void suppressMatching(CfnResource resource, String rule, String reason, String... patterns) {
        List<Object> appliesTo = new ArrayList<>();
        for (String pattern : patterns) {
            appliesTo.add(Map.of("regex", "/" + pattern + "/"));
        }
        add(resource, rule, reason, appliesTo);
        resource.getNode().addValidation(SecurityCheckFindings.acknowledging(resource, rule, reason,
                Stream.of(patterns).map(Pattern::compile).toList()));
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
