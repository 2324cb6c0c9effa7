package dev.gen2.testing;

import dev.gen2.backend.auth.PasswordPolicy;
import dev.gen2.backend.outputs.AssemblyModelIntrospection;
import dev.gen2.backend.outputs.BackendOutput;
import dev.gen2.backend.outputs.ClientConfigGenerator;
import dev.gen2.backend.outputs.ClientConfigVersion;
import dev.gen2.backend.outputs.DeployedModelIntrospection;
import dev.gen2.backend.outputs.ModelIntrospectionSource;
import dev.gen2.guard.DataLossCheck;
import dev.gen2.guard.Finding;
import dev.gen2.guard.StackTemplates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The checks teams write most about a backend, each failing with an {@link AssertionError} that says what it found:
 * the user pool's sign-in and password settings, an IAM statement granting exactly some actions on a resource, the
 * stateful resources of one version kept by the next (the guard of {@code gen2 check}), and the
 * {@code amplify_outputs.json} a frontend would get, for fake physical ids.
 */
public final class BackendChecks {
    private static final String USER_POOL = "AWS::Cognito::UserPool";

    private BackendChecks() {
    }

    /** The user pool signs in with exactly these username attributes ({@code email}, {@code phone_number}). */
    public static void assertSignInWith(SynthesizedBackend backend, String... usernameAttributes) {
        Object actual = userPool(backend).get("UsernameAttributes");
        List<String> expected = List.of(usernameAttributes);
        if (!expected.equals(actual)) {
            throw new AssertionError("The user pool signs in with " + actual + ", not " + expected + ".");
        }
    }

    /** The user pool's password policy is exactly this one. */
    public static void assertPasswordPolicy(SynthesizedBackend backend, PasswordPolicy expected) {
        Map<?, ?> policies = (Map<?, ?>) userPool(backend).get("Policies");
        Map<?, ?> actual = policies == null ? Map.of() : (Map<?, ?>) policies.get("PasswordPolicy");
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("MinimumLength", expected.minLength());
        wanted.put("RequireLowercase", expected.requireLowercase());
        wanted.put("RequireUppercase", expected.requireUppercase());
        wanted.put("RequireNumbers", expected.requireDigits());
        wanted.put("RequireSymbols", expected.requireSymbols());
        expected.temporaryPasswordValidityDays().ifPresent(days -> wanted.put("TemporaryPasswordValidityDays",
                days));
        if (!wanted.equals(actual)) {
            throw new AssertionError("The user pool's password policy is " + actual + ", not " + wanted + ".");
        }
    }

    /**
     * Some IAM statement in the group's template allows exactly these actions (no more, no fewer) on a resource
     * whose text contains {@code resourceFragment} (such as {@code "/public/*"} or a logical id).
     */
    public static void assertGrantsExactly(SynthesizedBackend backend, String group, String resourceFragment,
            String... actions) {
        Set<String> wanted = new TreeSet<>(Arrays.asList(actions));
        List<Set<String>> found = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            backend.template(group).findResources(type).values().forEach(policy -> statements(policy).stream()
                    .filter(statement -> "Allow".equals(statement.get("Effect"))
                            && String.valueOf(statement.get("Resource")).contains(resourceFragment))
                    .forEach(statement -> found.add(asSet(statement.get("Action")))));
        }
        if (!found.contains(wanted)) {
            throw new AssertionError("No statement in " + group + " allows exactly " + wanted + " on a resource"
                    + " containing '" + resourceFragment + "'; statements on it allow " + found + ".");
        }
    }

    /**
     * Deploying {@code changed} over {@code deployed} deletes or replaces no stateful resource (user pool, group,
     * identity pool, app client, table, bucket) and makes no change the deployed resources cannot take.
     */
    public static void assertKeepsStatefulResources(SynthesizedBackend deployed, SynthesizedBackend changed) {
        List<Finding> findings = DataLossCheck.compare(StackTemplates.fromAssembly(deployed.assembly()),
                StackTemplates.fromAssembly(changed.assembly()));
        if (!findings.isEmpty()) {
            throw new AssertionError("The change would lose data or fail to deploy:\n" + findings.stream()
                    .map(finding -> "  - " + finding.message()).collect(Collectors.joining("\n")));
        }
    }

    /**
     * The {@code amplify_outputs.json} (or legacy file) of the backend as if deployed in us-east-1 with the fake
     * ids of {@link FakeDeployment}; a data backend's model introspection is read from the assembly.
     */
    public static Map<String, Object> outputsFile(SynthesizedBackend backend, ClientConfigVersion version) {
        BackendOutput output = FakeDeployment.backendOutput(backend.template(SynthesizedBackend.ROOT));
        ModelIntrospectionSource introspection = new DeployedModelIntrospection(Optional.of(
                new AssemblyModelIntrospection(backend.assembly())), ModelIntrospectionSource::unavailable,
                line -> { });
        return ClientConfigGenerator.generate(output, version, introspection);
    }

    private static Map<?, ?> userPool(SynthesizedBackend backend) {
        for (var template : backend.templates().values()) {
            Map<String, Map<String, Object>> pools = template.findResources(USER_POOL);
            if (!pools.isEmpty()) {
                return (Map<?, ?>) pools.values().iterator().next().get("Properties");
            }
        }
        throw new AssertionError("The backend has no user pool.");
    }

    private static List<Map<?, ?>> statements(Map<String, Object> policy) {
        Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) policy.get("Properties")).get("PolicyDocument");
        List<Map<?, ?>> statements = new ArrayList<>();
        ((List<?>) document.get("Statement")).forEach(statement -> statements.add((Map<?, ?>) statement));
        return statements;
    }

    private static Set<String> asSet(Object actions) {
        return actions instanceof List<?> list ? list.stream().map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new)) : new TreeSet<>(Set.of(String.valueOf(actions)));
    }
}
