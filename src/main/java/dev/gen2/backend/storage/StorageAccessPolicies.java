package dev.gen2.backend.storage;

import dev.gen2.backend.BackendAuth;
import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendContext;
import dev.gen2.backend.FunctionProvider;
import dev.gen2.backend.SecurityCheckSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Turns a bucket's access rules into IAM as Amplify does: one policy per role or function, with an Allow statement
 * per action on the paths granted and a Deny statement on the sub-paths it was not granted (deny by default, except
 * for the owner's own sub-path), and the rules as {@code amplify_outputs.json} lists them.
 */
final class StorageAccessPolicies {
    static final String OWNER_SUBSTITUTION = "${cognito-identity.amazonaws.com:sub}";

    /** Who receives a policy: a role of auth, or a function. */
    private record Acceptor(String key, Consumer<Policy> accept) {
    }

    private record Grants(Set<String> allow, Set<String> deny) {
    }

    private final BackendContext backend;
    private final IBucket bucket;
    private final String bucketName;
    private final Map<String, String> ssmEnvironment;
    private final Map<String, Acceptor> acceptors = new LinkedHashMap<>();
    private final Map<String, Map<StorageAction, Grants>> grants = new LinkedHashMap<>();
    private final Map<String, List<Consumer<String>>> denyByDefault = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> outputPaths = new LinkedHashMap<>();

    StorageAccessPolicies(BackendContext backend, IBucket bucket, String bucketName,
            Map<String, String> ssmEnvironment) {
        this.backend = backend;
        this.bucket = bucket;
        this.bucketName = bucketName;
        this.ssmEnvironment = ssmEnvironment;
    }

    /** Grants the rules and returns the paths as the outputs list them: path to role key to actions. */
    Map<String, Map<String, List<String>>> grant(Map<String, List<StorageAccess>> access) {
        access.forEach((path, rules) -> rules.forEach(rule -> {
            List<StorageAction> actions = rule.actions().stream().flatMap(a -> a.expanded().stream()).distinct()
                    .toList();
            String prefix = substitute(path, rule instanceof StorageAccess.Entity ? OWNER_SUBSTITUTION : "*");
            if (!(rule instanceof StorageAccess.Resource)) {
                Map<String, List<String>> keys = outputPaths.computeIfAbsent(prefix, p -> new LinkedHashMap<>());
                StorageValidator.definitionIds(rule).forEach(id ->
                        keys.put(id, actions.stream().map(StorageAction::outputName).toList()));
            }
            acceptorsOf(rule).forEach(acceptor -> addAccess(acceptor, actions, prefix));
        }));
        attachPolicies();
        return outputPaths;
    }

    private List<Acceptor> acceptorsOf(StorageAccess rule) {
        if (rule instanceof StorageAccess.Resource resource) {
            FunctionProvider function = backend.get(resource.function());
            return List.of(new Acceptor("function:" + function.lambda().getNode().getPath(),
                    policy -> function.acceptResourceAccess(policy, ssmEnvironment)));
        }
        if (rule instanceof StorageAccess.Guest) {
            return List.of(role("unauthenticated", auth("guest").unauthenticatedUserRole()));
        }
        if (rule instanceof StorageAccess.Groups groups) {
            BackendAuth auth = auth(String.join(", ", groups.groups()));
            return groups.groups().stream().map(group -> role("group:" + group,
                    Optional.ofNullable(auth.groupRoles().get(group)).orElseThrow(() -> new BackendConfigException(
                            "storage '" + bucketName + "'.access", "No auth IAM role found for \"" + group + "\".",
                            "add the group to auth's groups(...), or fix its name."))))
                    .toList();
        }
        String who = rule instanceof StorageAccess.Entity ? "identity" : "authenticated";
        return List.of(role("authenticated", auth(who).authenticatedUserRole()));
    }

    private BackendAuth auth(String who) {
        return backend.auth().orElseThrow(() -> new BackendConfigException("storage '" + bucketName + "'.access",
                "Cannot specify auth access for " + who + " users without defining auth.",
                "add an AuthResource (or ReferenceAuth) to the backend, or drop the rule."));
    }

    private Acceptor role(String key, IRole role) {
        return acceptors.computeIfAbsent(key, k -> new Acceptor(k, policy -> policy.attachToRole(role)));
    }

    private void addAccess(Acceptor acceptor, List<StorageAction> actions, String prefix) {
        acceptors.putIfAbsent(acceptor.key(), acceptor);
        Map<StorageAction, Grants> byAction = grants.computeIfAbsent(acceptor.key(), k -> new LinkedHashMap<>());
        for (StorageAction action : actions) {
            Grants granted = byAction.computeIfAbsent(action,
                    a -> new Grants(new LinkedHashSet<>(), new LinkedHashSet<>()));
            granted.allow().add(prefix);
            denyByDefault.computeIfAbsent(prefix, p -> new ArrayList<>()).add(child -> {
                if (!granted.allow().contains(child)) {
                    granted.deny().add(child);
                }
            });
        }
    }

    private void attachPolicies() {
        List<String> paths = List.copyOf(denyByDefault.keySet());
        for (String path : paths) {
            parentOf(path, paths)
                    .filter(parent -> !parent.equals(path.replace(OWNER_SUBSTITUTION + "/", "")))
                    .ifPresent(parent -> denyByDefault.get(parent).forEach(deny -> deny.accept(path)));
        }
        int number = 1;
        for (Map.Entry<String, Map<StorageAction, Grants>> entry : grants.entrySet()) {
            List<PolicyStatement> statements = new ArrayList<>();
            entry.getValue().forEach((action, granted) -> {
                Set<String> allowed = new LinkedHashSet<>(granted.allow());
                allowed.removeIf(path -> parentOf(path, List.copyOf(granted.allow())).isPresent());
                if (!allowed.isEmpty()) {
                    statements.add(statement(action, allowed, Effect.ALLOW));
                }
                if (!granted.deny().isEmpty()) {
                    statements.add(statement(action, granted.deny(), Effect.DENY));
                }
            });
            Policy policy = Policy.Builder.create(Stack.of(bucket), bucketName + "Access" + number++)
                    .statements(statements).build();
            SecurityCheckSuppressions.suppressMatching((CfnResource) policy.getNode().getDefaultChild(), "IAM5",
                    "A storage access rule grants its actions on the path prefix it names (public/*, private/<identity"
                            + " id>/*), as Amplify's storage access does: the objects under it are made at run time.",
                    "^Resource::<[A-Za-z0-9]+\\.Arn>/.*\\*$");
            acceptors.get(entry.getKey()).accept().accept(policy);
        }
    }

    private PolicyStatement statement(StorageAction action, Set<String> prefixes, Effect effect) {
        if (action == StorageAction.LIST) {
            List<String> conditionPrefixes = new ArrayList<>();
            prefixes.forEach(prefix -> {
                conditionPrefixes.add(prefix);
                conditionPrefixes.add(prefix.substring(0, prefix.length() - 1));
            });
            return PolicyStatement.Builder.create().effect(effect).actions(List.of("s3:ListBucket"))
                    .resources(List.of(bucket.getBucketArn()))
                    .conditions(Map.of("StringLike", Map.of("s3:prefix", conditionPrefixes)))
                    .build();
        }
        String iamAction = switch (action) {
            case GET -> "s3:GetObject";
            case WRITE -> "s3:PutObject";
            default -> "s3:DeleteObject";
        };
        return PolicyStatement.Builder.create().effect(effect).actions(List.of(iamAction))
                .resources(prefixes.stream().map(prefix -> bucket.getBucketArn() + "/" + prefix).toList())
                .build();
    }

    /** The path with {@code {entity_id}} substituted, a trailing {@code /*}{@code /*} folded to {@code /*}. */
    static String substitute(String path, String entityId) {
        String substituted = path.replace(StorageValidator.ENTITY_ID, entityId);
        return substituted.endsWith("/*/*") ? substituted.substring(0, substituted.length() - 2) : substituted;
    }

    private static Optional<String> parentOf(String path, List<String> paths) {
        return StorageValidator.prefixesOf(path, paths).stream().findFirst();
    }
}
