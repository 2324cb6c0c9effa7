package dev.gen2.backend.storage;

import static dev.gen2.backend.storage.StorageAction.DELETE;
import static dev.gen2.backend.storage.StorageAction.GET;
import static dev.gen2.backend.storage.StorageAction.LIST;
import static dev.gen2.backend.storage.StorageAction.READ;
import static dev.gen2.backend.storage.StorageAction.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.Backend;
import dev.gen2.backend.DeploymentType;
import dev.gen2.backend.TestBackends;
import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.function.FunctionResource;
import dev.gen2.backend.outputs.BackendOutput;
import dev.gen2.backend.outputs.ClientConfigGenerator;
import dev.gen2.backend.outputs.ClientConfigVersion;
import dev.gen2.backend.outputs.JsonText;
import dev.gen2.testing.FakeDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StorageResourceTest {
    private static final AuthResource.Factory AUTH = AuthResource.define(a -> a.loginWithEmail().groups("ADMINS"));
    private static final FunctionResource.Factory REPORT = FunctionResource.define(fn -> fn.name("report")
            .entry("src/test/resources/functions/hello"));
    private static final StorageResource.Factory MEDIA = StorageResource.define(s -> s.name("media")
            .access("public/*", StorageAccess.guest(READ), StorageAccess.authenticated(READ, WRITE, DELETE))
            .access("private/{entity_id}/*", StorageAccess.entity(READ, WRITE, DELETE))
            .access("admin/*", StorageAccess.groups(List.of("ADMINS"), READ, WRITE, DELETE))
            .access("reports/*", StorageAccess.resource(REPORT, GET, LIST), StorageAccess.groups(List.of("ADMINS"),
                    READ)));
    private static Backend backend;
    private static Template storage;
    private static Template root;

    @BeforeAll
    static void synthesize() {
        backend = TestBackends.sandbox(AUTH, REPORT, MEDIA);
        storage = TestBackends.nestedTemplate(backend, "storage");
        root = TestBackends.template(backend.rootStack());
    }

    @Test
    void aSafeBucketWithAmplifysCors() {
        storage.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "CorsConfiguration", Map.of("CorsRules", List.of(Map.of(
                        "AllowedHeaders", List.of("*"),
                        "AllowedMethods", List.of("GET", "HEAD", "PUT", "POST", "DELETE"),
                        "AllowedOrigins", List.of("*"),
                        "ExposedHeaders", List.of("x-amz-server-side-encryption", "x-amz-request-id", "x-amz-id-2",
                                "ETag"),
                        "MaxAge", 3000))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of())));
        storage.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        assertThat(storage.findResources("AWS::S3::Bucket").keySet()).singleElement().asString()
                .startsWith("mediaBucket");
    }

    @Test
    void aSandboxDeletesItsBucketWithTheObjects() {
        storage.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete"));
        storage.resourceCountIs("Custom::S3AutoDeleteObjects", 1);
        storage.hasResourceProperties("AWS::S3::Bucket", Map.of("VersioningConfiguration", Match.absent()));
    }

    @Test
    void branchesKeepTheirBucketsVersioned() {
        Backend branch = Backend.define(TestBackends.app("app1", "main", DeploymentType.BRANCH),
                StorageResource.define(s -> s.name("files")));
        Template template = TestBackends.nestedTemplate(branch, "storage");
        template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain"));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("VersioningConfiguration",
                Map.of("Status", "Enabled")));
        template.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
        Backend optedOut = Backend.define(TestBackends.app("app1", "main", DeploymentType.BRANCH),
                StorageResource.define(s -> s.name("scratch").keepOnDelete(false).versioned(false)));
        Template scratch = TestBackends.nestedTemplate(optedOut, "storage");
        scratch.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete"));
        scratch.resourceCountIs("Custom::S3AutoDeleteObjects", 1);
    }

    @Test
    void guestsGetReadOnPublicOnly() {
        Map<String, Object> policy = policyOf("amplifyAuthunauthenticatedUserRole");
        assertThat(statements(policy)).containsExactly(
                Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", objectArn("public/*")),
                Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", bucketArn(),
                        "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("public/*", "public/")))));
    }

    @Test
    void signedInUsersGetTheirOwnPathAndPublic() {
        Map<String, Object> policy = policyOf("amplifyAuthauthenticatedUserRole");
        assertThat(statements(policy)).containsExactly(
                Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", List.of(objectArn("public/*"),
                        objectArn("private/${cognito-identity.amazonaws.com:sub}/*"))),
                Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", bucketArn(),
                        "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("public/*", "public/",
                                "private/${cognito-identity.amazonaws.com:sub}/*",
                                "private/${cognito-identity.amazonaws.com:sub}/")))),
                Map.of("Effect", "Allow", "Action", "s3:PutObject", "Resource", List.of(objectArn("public/*"),
                        objectArn("private/${cognito-identity.amazonaws.com:sub}/*"))),
                Map.of("Effect", "Allow", "Action", "s3:DeleteObject", "Resource", List.of(objectArn("public/*"),
                        objectArn("private/${cognito-identity.amazonaws.com:sub}/*"))));
    }

    @Test
    void adminsGetAdminAndReadReports() {
        Map<String, Object> policy = policyOf("ADMINSGroupRole");
        assertThat(statements(policy)).containsExactly(
                Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", List.of(objectArn("admin/*"),
                        objectArn("reports/*"))),
                Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", bucketArn(),
                        "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("admin/*", "admin/",
                                "reports/*", "reports/")))),
                Map.of("Effect", "Allow", "Action", "s3:PutObject", "Resource", objectArn("admin/*")),
                Map.of("Effect", "Allow", "Action", "s3:DeleteObject", "Resource", objectArn("admin/*")));
    }

    @Test
    void theFunctionReadsReportsAndGetsTheBucketName() {
        Map<String, Object> policy = policyOf("reportreportlambdaServiceRole");
        assertThat(statements(policy)).containsExactly(
                Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", objectArn("reports/*")),
                Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", bucketArn(),
                        "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("reports/*", "reports/")))));
        String path = "/amplify/resource_reference/testapp/dev-sandbox-1a98428f66/MEDIA_BUCKET_NAME";
        storage.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", path,
                "Value", Map.of("Ref", Match.stringLikeRegexp("mediaBucket.*"))));
        TestBackends.nestedTemplate(backend, "function").hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of("GEN2_HANDLER", "index.handler",
                        "MEDIA_BUCKET_NAME", "<value will be resolved during runtime>",
                        "AMPLIFY_SSM_ENV_CONFIG", "{\"MEDIA_BUCKET_NAME\":{\"path\":\"" + path + "\"}}"))));
    }

    @Test
    void subPathsAreDeniedToWhoeverHoldsOnlyTheParent() {
        Backend nested = TestBackends.sandbox(AUTH, StorageResource.define(s -> s.name("docs")
                .access("docs/*", StorageAccess.authenticated(READ, WRITE))
                .access("docs/secret/*", StorageAccess.groups(List.of("ADMINS"), READ))));
        Template template = TestBackends.nestedTemplate(nested, "storage");
        Map<String, Object> signedIn = policyOf(template, "amplifyAuthauthenticatedUserRole");
        assertThat(statements(signedIn)).contains(
                Map.of("Effect", "Deny", "Action", "s3:GetObject", "Resource", objectArn(template, "docs/secret/*")),
                Map.of("Effect", "Deny", "Action", "s3:PutObject", "Resource", objectArn(template, "docs/secret/*")));
        assertThat(statements(policyOf(template, "ADMINSGroupRole"))).noneMatch(s -> "Deny".equals(s.get("Effect")));
    }

    @Test
    void outputsListEveryBucketWithItsPaths() {
        Map<String, Object> config = ClientConfigGenerator.generate(BackendOutput.fromOutputNames(
                FakeDeployment.outputs(root)), ClientConfigVersion.V1_5);
        @SuppressWarnings("unchecked")
        Map<String, Object> storageSection = (Map<String, Object>) config.get("storage");
        assertThat(storageSection).containsEntry("aws_region", "us-east-1").containsKey("bucket_name");
        Object paths = ((Map<?, ?>) ((List<?>) storageSection.get("buckets")).get(0)).get("paths");
        assertThat(JsonText.stringify(paths, 0)).isEqualTo("{\"public/*\":{\"guest\":[\"get\",\"list\"],"
                + "\"authenticated\":[\"get\",\"list\",\"write\",\"delete\"]},"
                + "\"private/${cognito-identity.amazonaws.com:sub}/*\":{\"entityidentity\":[\"get\",\"list\",\"write\","
                + "\"delete\"]},\"admin/*\":{\"groupsADMINS\":[\"get\",\"list\",\"write\",\"delete\"]},"
                + "\"reports/*\":{\"groupsADMINS\":[\"get\",\"list\"]}}");
    }

    private static Map<String, Object> policyOf(String roleName) {
        return policyOf(storage, roleName);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policyOf(Template template, String roleName) {
        return (Map<String, Object>) template.findResources("AWS::IAM::Policy").values().stream()
                .filter(resource -> resource.toString().contains(roleName))
                .findFirst().orElseThrow(() -> new AssertionError("no policy for " + roleName))
                .get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return new ArrayList<>((List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument"))
                .get("Statement"));
    }

    private static Object bucketArn() {
        return bucketArn(storage);
    }

    private static Object bucketArn(Template template) {
        String bucket = template.findResources("AWS::S3::Bucket").keySet().iterator().next();
        return Map.of("Fn::GetAtt", List.of(bucket, "Arn"));
    }

    private static Object objectArn(String path) {
        return objectArn(storage, path);
    }

    private static Object objectArn(Template template, String path) {
        return Map.of("Fn::Join", List.of("", List.of(bucketArn(template), "/" + path)));
    }
}
