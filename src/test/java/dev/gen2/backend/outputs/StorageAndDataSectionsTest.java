package dev.gen2.backend.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The storage and data sections, from outputs in the format Amplify's storage and data constructs record them
 * (the resources that record them here come with later issues).
 */
class StorageAndDataSectionsTest {
    private static final String MEDIA = "{\"name\":\"media\",\"bucketName\":\"media-bucket-1\",\"storageRegion\":\"us-east-1\","
            + "\"paths\":{\"public/*\":{\"guest\":[\"get\",\"list\"],\"authenticated\":[\"get\",\"list\",\"write\"]},"
            + "\"private/${cognito-identity.amazonaws.com:sub}/*\":{\"entityidentity\":[\"get\",\"list\",\"write\",\"delete\"]},"
            + "\"admin/*\":{\"groupsADMINS\":[\"get\",\"list\"],\"groupsEDITORS\":[\"list\",\"write\"]}}}";
    private static final String REPORTS = "{\"name\":\"reports\",\"bucketName\":\"reports-bucket-2\","
            + "\"storageRegion\":\"eu-west-1\",\"paths\":{}}";

    private static BackendOutput backend() {
        Map<String, BackendOutput.Entry> entries = new LinkedHashMap<>();
        entries.put(BackendOutput.PLATFORM, new BackendOutput.Entry("1", Map.of("deploymentType", "sandbox",
                "region", "us-east-1")));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("awsAppsyncApiEndpoint", "https://abc.appsync-api.us-east-1.amazonaws.com/graphql");
        data.put("awsAppsyncRegion", "us-east-1");
        data.put("awsAppsyncAuthenticationType", "AMAZON_COGNITO_USER_POOLS");
        data.put("awsAppsyncAdditionalAuthenticationTypes", "AWS_IAM,API_KEY");
        data.put("awsAppsyncApiKey", "da2-fakekey");
        entries.put(BackendOutput.GRAPHQL, new BackendOutput.Entry("1", data));
        entries.put(BackendOutput.STORAGE, new BackendOutput.Entry("1", Map.of("bucketName", "media-bucket-1",
                "storageRegion", "us-east-1", "buckets", JsonText.stringify(List.of(MEDIA, REPORTS), 0))));
        return new BackendOutput(entries);
    }

    @Test
    void dataSectionHasTheApiAndItsAuthorizationTypes() {
        Map<String, Object> config = ClientConfigGenerator.generate(backend(), ClientConfigVersion.V1_5);
        assertThat(config.get("data")).isEqualTo(Map.of(
                "url", "https://abc.appsync-api.us-east-1.amazonaws.com/graphql",
                "aws_region", "us-east-1",
                "api_key", "da2-fakekey",
                "default_authorization_type", "AMAZON_COGNITO_USER_POOLS",
                "authorization_types", List.of("AWS_IAM", "API_KEY")));
        assertThat(ClientConfigGenerator.generate(backend(), ClientConfigVersion.V0))
                .containsEntry("aws_appsync_graphqlEndpoint", "https://abc.appsync-api.us-east-1.amazonaws.com/graphql")
                .containsEntry("aws_appsync_authenticationType", "AMAZON_COGNITO_USER_POOLS")
                .containsEntry("aws_appsync_additionalAuthenticationTypes", "AWS_IAM,API_KEY")
                .containsEntry("aws_appsync_apiKey", "da2-fakekey")
                .containsEntry("aws_user_files_s3_bucket", "media-bucket-1")
                .containsEntry("aws_project_region", "us-east-1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void storagePathsKeepAmplifysKeysFrom14() {
        Map<String, Object> storage = (Map<String, Object>) ClientConfigGenerator.generate(backend(),
                ClientConfigVersion.V1_5).get("storage");
        assertThat(storage).containsEntry("aws_region", "us-east-1").containsEntry("bucket_name", "media-bucket-1");
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) storage.get("buckets");
        assertThat(buckets).extracting(b -> b.get("name")).containsExactly("media", "reports");
        assertThat(buckets.get(1)).containsEntry("bucket_name", "reports-bucket-2").containsEntry("aws_region",
                "eu-west-1");
        Map<String, Object> paths = (Map<String, Object>) buckets.get(0).get("paths");
        assertThat(paths.get("admin/*")).isEqualTo(Map.of("groupsADMINS", List.of("get", "list"),
                "groupsEDITORS", List.of("list", "write")));
        assertThat(paths.get("private/${cognito-identity.amazonaws.com:sub}/*"))
                .isEqualTo(Map.of("entityidentity", List.of("get", "list", "write", "delete")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void storagePathsUseTheSchemaKeysIn12And13() {
        for (ClientConfigVersion version : List.of(ClientConfigVersion.V1_2, ClientConfigVersion.V1_3)) {
            Map<String, Object> storage = (Map<String, Object>) ClientConfigGenerator.generate(backend(), version)
                    .get("storage");
            Map<String, Object> paths = (Map<String, Object>) ((List<Map<String, Object>>) storage.get("buckets"))
                    .get(0).get("paths");
            assertThat(paths.get("admin/*")).isEqualTo(Map.of("groups", List.of("get", "list", "write")));
            assertThat(paths.get("private/${cognito-identity.amazonaws.com:sub}/*"))
                    .isEqualTo(Map.of("entity", List.of("get", "list", "write", "delete")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void olderVersionsDropWhatTheyDoNotHold() {
        Map<String, Object> v1 = (Map<String, Object>) ClientConfigGenerator.generate(backend(), ClientConfigVersion.V1)
                .get("storage");
        assertThat(v1).containsOnlyKeys("aws_region", "bucket_name");
        Map<String, Object> v11 = (Map<String, Object>) ClientConfigGenerator.generate(backend(),
                ClientConfigVersion.V1_1).get("storage");
        assertThat((List<Map<String, Object>>) v11.get("buckets"))
                .allSatisfy(bucket -> assertThat(bucket).containsOnlyKeys("name", "bucket_name", "aws_region"));
    }

    @ParameterizedTest
    @EnumSource(value = ClientConfigVersion.class, names = {"V1", "V1_1", "V1_2", "V1_3", "V1_4", "V1_5"})
    void everyVersionValidatesAgainstItsSchema(ClientConfigVersion version) {
        OutputsSchemas.assertValid(ClientConfigGenerator.generate(backend(), version), version);
    }
}
