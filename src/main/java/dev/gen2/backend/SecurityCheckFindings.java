package dev.gen2.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.CfnGroup;
import software.amazon.awscdk.services.iam.CfnManagedPolicy;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.CfnUser;
import software.constructs.IValidation;

/**
 * The findings of cdk-nag's granular rules, named as cdk-nag names them ({@code Resource::<Bucket.Arn>/public/*},
 * {@code Action::s3:*}, {@code Policy::arn:<AWS::Partition>:iam::aws:policy/...}), so that the backend can accept
 * exactly the ones it means for cdk-nag 3, which takes acknowledgments by their full id
 * ({@code AwsSolutions-IAM5[Resource::...]}) and no longer by pattern. It reads the resource as synthesized: it runs
 * as a validation of that resource ({@link #acknowledging}), the first hook after CDK has turned cross-stack
 * references into the nested stacks' parameters, which the names of the findings hold, and after every grant made
 * once the backend was defined.
 */
final class SecurityCheckFindings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityCheckFindings() {
    }

    /**
     * A validation of one resource that never fails: when CDK validates the tree, it acknowledges (in the construct
     * metadata cdk-nag 3 reads) every finding of {@code rule} on the resource whose name matches one of the patterns.
     */
    static IValidation acknowledging(CfnResource resource, String rule, String reason, List<Pattern> patterns) {
        return new Acknowledging(resource, rule, reason, patterns);
    }

    /** The validation of {@link #acknowledging}. */
    private static final class Acknowledging implements IValidation {
        private final CfnResource resource;
        private final String rule;
        private final String reason;
        private final List<Pattern> patterns;

        Acknowledging(CfnResource resource, String rule, String reason, List<Pattern> patterns) {
            this.resource = resource;
            this.rule = rule;
            this.reason = reason;
            this.patterns = List.copyOf(patterns);
        }

        @Override
        public List<String> validate() {
            for (String finding : of(resource, rule)) {
                if (patterns.stream().anyMatch(pattern -> pattern.matcher(finding).find())) {
                    acknowledge(resource, "AwsSolutions-" + rule + "[" + finding + "]", reason);
                }
            }
            return List.of();
        }
    }

    /**
     * Records an acknowledgment as {@code Validations.of(resource).acknowledge(..)} does, but without the stack
     * trace it takes (which would put this JVM's frames into the cloud assembly) and without its check of the id,
     * which refuses the "::" that granular findings hold.
     */
    static void acknowledge(CfnResource resource, String id, String reason) {
        resource.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(id, reason));
    }

    /** The findings of a granular rule (IAM4, IAM5) on a resource, as cdk-nag names them; none for other rules. */
    static List<String> of(CfnResource resource, String rule) {
        Stack stack = Stack.of(resource);
        Set<String> findings = new LinkedHashSet<>();
        if ("IAM5".equals(rule)) {
            for (Object document : policyDocuments(resource)) {
                findings.addAll(wildcards(stack.resolve(document)));
            }
        } else if ("IAM4".equals(rule) && resource instanceof CfnRole role
                && stack.resolve(role.getManagedPolicyArns()) instanceof List<?> arns) {
            for (Object arn : arns) {
                String policy = flatten(stack.resolve(arn));
                if (policy.contains(":iam::aws:")) {
                    findings.add("Policy::" + policy);
                }
            }
        }
        return List.copyOf(findings);
    }

    private static List<Object> policyDocuments(CfnResource resource) {
        Stack stack = Stack.of(resource);
        List<Object> documents = new ArrayList<>();
        if (resource instanceof CfnPolicy policy) {
            documents.add(policy.getPolicyDocument());
        } else if (resource instanceof CfnManagedPolicy policy) {
            documents.add(policy.getPolicyDocument());
        } else if (resource instanceof CfnRole || resource instanceof CfnUser || resource instanceof CfnGroup) {
            Object inline = stack.resolve(resource instanceof CfnRole role ? role.getPolicies()
                    : resource instanceof CfnUser user ? user.getPolicies() : ((CfnGroup) resource).getPolicies());
            if (inline instanceof List<?> policies) {
                for (Object policy : policies) {
                    if (stack.resolve(policy) instanceof Map<?, ?> resolved) {
                        documents.add(resolved.get("policyDocument") != null ? resolved.get("policyDocument")
                                : resolved.get("PolicyDocument"));
                    }
                }
            }
        }
        return documents;
    }

    /** IAM5's findings in a resolved policy document: wildcard actions and resources of its Allow statements. */
    private static Set<String> wildcards(Object document) {
        Set<String> findings = new LinkedHashSet<>();
        if (!(document instanceof Map<?, ?> map) || !(map.get("Statement") instanceof List<?> statements)) {
            return findings;
        }
        for (Object statement : statements) {
            if (statement instanceof Map<?, ?> fields && "Allow".equals(fields.get("Effect"))) {
                for (Object action : asList(fields.get("Action"))) {
                    if (String.valueOf(action).contains("*")) {
                        findings.add("Action::" + action);
                    }
                }
                for (Object resource : asList(fields.get("Resource"))) {
                    String flat = flatten(resource);
                    if (flat.contains("*")) {
                        findings.add("Resource::" + flat);
                    }
                }
            }
        }
        return findings;
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    /**
     * A CloudFormation value as one string, as cdk-nag flattens it: {@code Ref} as {@code <Id>}, {@code Fn::GetAtt}
     * as {@code <Id.Attribute>}, {@code Fn::Join} joined, {@code Fn::Sub}'s {@code ${..}} as {@code <..>}.
     */
    static String flatten(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text.replace("${", "<").replace("}", ">");
        }
        if (value instanceof Map<?, ?> map) {
            if (map.get("Fn::Join") instanceof List<?> join && join.size() == 2 && join.get(1) instanceof List<?> items) {
                List<String> parts = new ArrayList<>();
                items.forEach(item -> parts.add(flatten(item)));
                return String.join(String.valueOf(join.get(0)), parts);
            }
            if (map.get("Fn::Sub") != null) {
                return flatten(map.get("Fn::Sub"));
            }
            if (map.get("Fn::GetAtt") instanceof List<?> getAtt && getAtt.size() == 2) {
                return "<" + flatten(getAtt.get(0)) + "." + flatten(getAtt.get(1)) + ">";
            }
            if (map.get("Fn::ImportValue") != null) {
                return flatten(map.get("Fn::ImportValue"));
            }
            if (map.get("Ref") != null) {
                return "<" + flatten(map.get("Ref")) + ">";
            }
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
