package dev.gen2.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The identity pool's roles are granted {@code appsync:GraphQL} on exactly the fields their rules reach, as Amplify
 * grants it: read from the synthesized templates' managed policies and compared with what the schema's rules say.
 */
class IdentityPoolGrantsTest {
    /** Guests read; identity-pool users create and read; a field only identity-pool users may read. */
    static final Schema IAM_RULES = Schema.of(
            Model.named("Listing")
                    .field("title", Field.string())
                    .field("internal", Field.string().authorization(AuthRule.authenticated(AuthProvider.IAM)))
                    .secondaryIndexes(SecondaryIndex.on("title"))
                    .authorization(AuthRule.guest().to(Operation.LIST), AuthRule.authenticated(AuthProvider.IAM)
                            .to(Operation.CREATE, Operation.READ), AuthRule.owner()),
            Model.named("Secret").field("text", Field.string()).authorization(AuthRule.owner()));

    private enum Role { AUTHENTICATED, GUEST }

    @Test
    void theBlogSchemaGrantsGuestsAndIdentityPoolUsersTheFieldsTheirRulesReach() {
        IdentityPoolGrants grants = IdentityPoolGrants.of(DataSchemas.BLOG, ModelShape.of(DataSchemas.BLOG).values());
        List<String> guestReads = List.of("Location/*", "Post/*", "Profile/*", "Query/fields/getPost",
                "Query/fields/listPosts", "Subscription/fields/onCreatePost", "Subscription/fields/onUpdatePost",
                "Subscription/fields/onDeletePost", "Query/fields/getProfile", "Query/fields/listProfiles",
                "Subscription/fields/onCreateProfile", "Subscription/fields/onUpdateProfile",
                "Subscription/fields/onDeleteProfile", "ModelPostConnection/*", "ModelProfileConnection/*");
        assertThat(grants.guest()).containsExactlyInAnyOrderElementsOf(guestReads);
        List<String> authenticated = new ArrayList<>(guestReads);
        authenticated.addAll(List.of("Mutation/fields/createProfile", "Mutation/fields/updateProfile",
                "Mutation/fields/deleteProfile"));
        assertThat(grants.authenticated()).containsExactlyInAnyOrderElementsOf(authenticated);
    }

    @Test
    void theSampleGrantsTheIdentityPoolRolesNothingOnTheApi() {
        Backend backend = TestBackends.sandbox(amplify.auth.AuthConfig.AUTH, amplify.data.DataConfig.DATA,
                amplify.functions.FunctionConfig.POST_CONFIRMATION);
        Template data = TestBackends.nestedTemplate(backend, "data");
        data.resourceCountIs("AWS::IAM::ManagedPolicy", 0);
        assertThat(data.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Action", "appsync:GraphQL"))))))))
                .keySet()).noneMatch(id -> id.contains("IdentityPool"));
    }

    @Test
    void everyTestSchemaGrantsARoleAFieldExactlyWhenARuleItCanUseCoversIt() {
        Map<String, Schema> schemas = Map.of("blog", DataSchemas.BLOG, "authorized", DataSchemas.AUTHORIZED,
                "sample", amplify.data.DataConfig.SCHEMA, "iam-rules", IAM_RULES);
        schemas.forEach((name, schema) -> {
            Backend backend = TestBackends.sandbox(DataSchemas.AUTH, DataResource.define(data -> data.schema(schema)
                    .authorizationModes(AuthorizationModes.defaults().defaultMode(AuthProvider.USER_POOLS)
                            .apiKey(AuthorizationModes.ApiKey.expiresInDays(30))
                            .lambda(AuthorizationModes.Lambda.of(DataSchemas.ECHO)))), DataSchemas.ECHO);
            Template data = TestBackends.nestedTemplate(backend, "data");
            for (Role role : Role.values()) {
                assertThat(rootFieldsGranted(data, role)).as(name + ", " + role)
                        .isEqualTo(rootFieldsRulesReach(schema, role));
            }
        });
    }

    @Test
    void aFieldRuleGrantsItsFieldAndAnIndexQueryFollowsTheListRule() {
        IdentityPoolGrants grants = IdentityPoolGrants.of(IAM_RULES, ModelShape.of(IAM_RULES).values());
        assertThat(grants.authenticated()).contains("Listing/fields/internal", "Mutation/fields/createListing",
                "Query/fields/listListingByTitle").doesNotContain("Mutation/fields/updateListing");
        assertThat(grants.guest()).contains("Query/fields/listListings", "Query/fields/listListingByTitle")
                .doesNotContain("Listing/fields/internal", "Query/fields/getListing")
                .noneMatch(grant -> grant.contains("Secret"));
    }

    @Test
    void grantsTooManyForFiveManagedPoliciesBecomeTheWholeApiWithAWarning() {
        Model[] models = IntStream.range(0, 120).mapToObj(i -> Model.named("Item" + i).field("text", Field.string())
                .authorization(AuthRule.guest())).toArray(Model[]::new);
        Backend backend = TestBackends.sandbox(DataSchemas.AUTH, DataResource.define(data -> data.schema(
                Schema.of(models))));
        Template data = TestBackends.nestedTemplate(backend, "data");
        data.resourceCountIs("AWS::IAM::ManagedPolicy", 2);
        data.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of("Action", "appsync:GraphQL", "Effect", "Allow", "Resource", Map.of("Fn::Join",
                        List.of("", List.of(Match.anyValue(), "/types/*"))))))));
        Annotations.fromStack(backend.rootStack()).hasWarning("*", Match.stringLikeRegexp(
                        ".*would need 1200 field grants, more than 5 managed policies hold.*"));
    }

    @Test
    void policiesAreCutToStayWithinIamsSizeLimit() {
        Set<String> grants = new TreeSet<>();
        IntStream.range(0, 200).forEach(i -> grants.add("Query/fields/listSomethingRatherLong" + i));
        List<List<String>> chunks = IdentityPoolApiAccess.chunks(grants);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(grants);
        // each policy's resources, resolved to full ARNs (at most 100 characters before the grant), fit in 6,144
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.stream().mapToInt(grant -> 100 + grant.length())
                .sum()).isLessThanOrEqualTo(6_144 - 200));
    }

    /** The Query, Mutation and Subscription fields the managed policies attached to the role grant. */
    private static Set<String> rootFieldsGranted(Template data, Role role) {
        Set<String> fields = new TreeSet<>();
        data.findResources("AWS::IAM::ManagedPolicy").values().forEach(policy -> {
            Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) policy).get("Properties");
            String attachedTo = properties.get("Roles").toString();
            boolean guestRole = attachedTo.contains("unauthenticatedUserRole");
            if (guestRole != (role == Role.GUEST)) {
                return;
            }
            for (Object statement : (List<?>) ((Map<?, ?>) properties.get("PolicyDocument")).get("Statement")) {
                Object resources = ((Map<?, ?>) statement).get("Resource");
                for (Object resource : resources instanceof List<?> list ? list : List.of(resources)) {
                    String suffix = (String) ((List<?>) ((List<?>) ((Map<?, ?>) resource).get("Fn::Join")).get(1))
                            .get(1);
                    String grant = suffix.substring("/types/".length());
                    if (grant.matches("(Query|Mutation|Subscription)/fields/.*")) {
                        fields.add(grant);
                    }
                }
            }
        });
        return fields;
    }

    /** The oracle: each model operation's root field, granted when a rule the role can use allows the operation. */
    private static Set<String> rootFieldsRulesReach(Schema schema, Role role) {
        Set<String> fields = new TreeSet<>();
        for (ModelShape shape : ModelShape.of(schema).values()) {
            Map<String, Operation> byField = new java.util.LinkedHashMap<>();
            byField.put("Query/fields/get" + shape.name(), Operation.GET);
            byField.put("Query/fields/list" + shape.pluralName(), Operation.LIST);
            shape.indexes().forEach(index -> index.queryField().ifPresent(query -> byField.put("Query/fields/"
                    + query, Operation.LIST)));
            for (Operation operation : List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE)) {
                String verb = operation.amplifyName();
                byField.put("Mutation/fields/" + verb + shape.name(), operation);
                byField.put("Subscription/fields/on" + verb.substring(0, 1).toUpperCase(Locale.ROOT)
                        + verb.substring(1) + shape.name(), Operation.LISTEN);
            }
            byField.forEach((field, operation) -> {
                boolean reached = schema.rulesOf(shape.model()).stream().anyMatch(rule -> rule.allows(operation)
                        && rule.provider() == AuthProvider.IAM && (rule.strategy() == AuthRule.Strategy.PUBLIC
                                || role == Role.AUTHENTICATED && rule.strategy() == AuthRule.Strategy.PRIVATE));
                if (reached) {
                    fields.add(field);
                }
            });
        }
        schema.operations().stream().filter(operation -> operation.rules().stream().anyMatch(rule -> rule.provider()
                == AuthProvider.IAM && (rule.strategy() == AuthRule.Strategy.PUBLIC || role == Role.AUTHENTICATED)))
                .forEach(operation -> fields.add(operation.kind().typeName() + "/fields/" + operation.name()));
        return fields.stream().collect(Collectors.toCollection(TreeSet::new));
    }
}
