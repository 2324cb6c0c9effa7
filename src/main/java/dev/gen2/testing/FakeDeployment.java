package dev.gen2.testing;

import dev.gen2.backend.outputs.BackendOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/**
 * What a root stack's outputs would be once deployed in us-east-1, for tests of the frontend's configuration without
 * a deploy: literal values as synthesized, the region for {@code AWS::Region} (and the account for
 * {@code AWS::AccountId} in substitutions), and fake physical ids for the values CloudFormation makes up.
 */
public final class FakeDeployment {
    public static final String REGION = "us-east-1";
    public static final String USER_POOL_ID = "us-east-1_Ab12Cd34E";
    public static final String CLIENT_ID = "5n1m2o3p4q5r6s7t8u9v0w1x2y";
    public static final String ACCOUNT_ID = "123456789012";
    public static final String IDENTITY_POOL_ID = "us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    private static final Map<String, String> PHYSICAL_IDS = Map.of(
            "userPoolId", USER_POOL_ID,
            "webClientId", CLIENT_ID,
            "oauthClientId", CLIENT_ID,
            "identityPoolId", IDENTITY_POOL_ID);

    private FakeDeployment() {
    }

    /**
     * The backend's outputs as they are read back from the deployed root stack: its outputs ({@link #outputs}),
     * grouped by the template's {@code AWS::Amplify::*} metadata.
     */
    public static BackendOutput backendOutput(Template root) {
        Map<String, BackendOutput.MetadataEntry> metadata = new LinkedHashMap<>();
        if (root.toJSON().get("Metadata") instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> {
                Map<?, ?> entry = (Map<?, ?>) value;
                metadata.put(key.toString(), new BackendOutput.MetadataEntry(String.valueOf(entry.get("version")),
                        ((List<?>) entry.get("stackOutputs")).stream().map(String::valueOf).toList()));
            });
        }
        return BackendOutput.fromMetadata(outputs(root), metadata);
    }

    /** The deployed outputs of a synthesized root stack. */
    public static Map<String, String> outputs(Template root) {
        Map<String, String> deployed = new LinkedHashMap<>();
        root.findOutputs("*").forEach((name, output) -> deployed.put(name, resolve(name, output.get("Value"))));
        return deployed;
    }

    private static String resolve(String outputName, Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<?, ?> intrinsic = (Map<?, ?>) value;
        if (intrinsic.containsKey("Ref")) {
            return "AWS::Region".equals(intrinsic.get("Ref")) ? REGION : "fake-" + outputName;
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            return PHYSICAL_IDS.getOrDefault(outputName, "fake-" + outputName);
        }
        if (intrinsic.containsKey("Fn::Sub")) {
            return intrinsic.get("Fn::Sub").toString().replace("${AWS::AccountId}", ACCOUNT_ID)
                    .replace("${AWS::Region}", REGION);
        }
        if (intrinsic.containsKey("Fn::Join")) {
            List<?> join = (List<?>) intrinsic.get("Fn::Join");
            return ((List<?>) join.get(1)).stream().map(part -> resolve(outputName, part))
                    .collect(Collectors.joining(join.get(0).toString()));
        }
        throw new IllegalArgumentException("Cannot fake the output " + outputName + ": " + value);
    }
}
