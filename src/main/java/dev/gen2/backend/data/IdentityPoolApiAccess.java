package dev.gen2.backend.data;

import dev.gen2.backend.BackendAuth;
import dev.gen2.backend.SecurityCheckSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * Lets the identity pool's roles call exactly the API fields their rules reach ({@link IdentityPoolGrants}), in
 * managed policies of at most {@value #POLICY_BUDGET} characters each (IAM allows 6,144), as Amplify's
 * {@code AuthRolePolicy01..} and {@code UnauthRolePolicy01..}. A role whose grants would need more than
 * {@value #MAX_POLICIES} policies is granted the whole API instead, with a synth warning: IAM caps the managed
 * policies per role, and the resolvers still apply every rule.
 */
final class IdentityPoolApiAccess {
    static final int POLICY_BUDGET = 5_500;
    static final int MAX_POLICIES = 5;
    /** What a resolved ARN adds to a grant, quoted: {@code arn:aws:appsync:<region>:<account>:apis/<id>/types/}. */
    private static final int ARN_PREFIX_LENGTH = 100;

    private IdentityPoolApiAccess() {
    }

    /** Attaches the grants to the authenticated and unauthenticated roles of {@code auth}. */
    static void attach(Construct scope, String apiArn, IdentityPoolGrants grants, BackendAuth auth) {
        attach(scope, "AuthenticatedApiAccess", apiArn, grants.authenticated(), auth.authenticatedUserRole());
        attach(scope, "GuestApiAccess", apiArn, grants.guest(), auth.unauthenticatedUserRole());
    }

    private static void attach(Construct scope, String idPrefix, String apiArn, Set<String> grants, IRole role) {
        List<List<String>> chunks = chunks(grants);
        if (chunks.size() > MAX_POLICIES) {
            Annotations.of(scope).addWarningV2("gen2-backend:data-iam-grants", idPrefix + ": the identity pool role"
                    + " would need " + grants.size() + " field grants, more than " + MAX_POLICIES + " managed policies"
                    + " hold; it is granted appsync:GraphQL on the whole API, and the resolvers check every rule.");
            chunks = List.of(List.of("*"));
        }
        for (int i = 0; i < chunks.size(); i++) {
            List<String> resources = chunks.get(i).stream().map(grant -> apiArn + "/types/" + grant).toList();
            ManagedPolicy policy = ManagedPolicy.Builder.create(scope, String.format("%s%02d", idPrefix, i + 1))
                    .statements(List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                            .actions(List.of("appsync:GraphQL")).resources(resources).build()))
                    .roles(List.of(role))
                    .build();
            SecurityCheckSuppressions.suppressMatching((CfnResource) policy.getNode().getDefaultChild(), "IAM5",
                    "A rule that lets the role reach a model grants the model's type (and the custom types it"
                            + " holds), as Amplify's auth transformer does; fields with their own rules are checked by"
                            + " the resolvers. Past five policies the whole API is granted, with a synth warning.",
                    "^Resource::<[A-Za-z0-9]+\\.Arn>/types/.*$");
        }
    }

    /** The grants in order, cut into policies that stay within {@link #POLICY_BUDGET} once the ARNs resolve. */
    static List<List<String>> chunks(Set<String> grants) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int size = 0;
        for (String grant : grants) {
            int length = ARN_PREFIX_LENGTH + grant.length();
            if (!current.isEmpty() && size + length > POLICY_BUDGET) {
                chunks.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(grant);
            size += length;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
