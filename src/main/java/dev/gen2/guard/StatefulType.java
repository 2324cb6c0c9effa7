package dev.gen2.guard;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The resource types that hold what a user cannot get back once CloudFormation deletes or replaces them: users,
 * identities, the ids installed frontends hold, items and objects. Secrets are not among them: they live in SSM
 * Parameter Store outside every template ({@code gen2 sandbox secret set}), so no deploy touches them.
 */
public enum StatefulType {
    USER_POOL("AWS::Cognito::UserPool", "user pool", "every user in it, with their passwords, attributes and"
            + " group memberships", null),
    USER_POOL_GROUP("AWS::Cognito::UserPoolGroup", "user pool group", "every user's membership in the group, and"
            + " with it the group's permissions", null),
    IDENTITY_POOL("AWS::Cognito::IdentityPool", "identity pool", "every identity id, and with them the files and"
            + " records keyed by a user's identity id", null),
    USER_POOL_CLIENT("AWS::Cognito::UserPoolClient", "user pool app client", "the app client id that every"
            + " installed frontend holds: installed apps stop signing in until they are updated", null),
    TABLE("AWS::DynamoDB::Table", "DynamoDB table", "every item in it", "TableName"),
    GLOBAL_TABLE("AWS::DynamoDB::GlobalTable", "DynamoDB global table", "every item in it, in every region",
            "TableName"),
    BUCKET("AWS::S3::Bucket", "S3 bucket", "every object in it", "BucketName");

    private final String cloudFormationType;
    private final String noun;
    private final String whatIsLost;
    private final String nameProperty;

    StatefulType(String cloudFormationType, String noun, String whatIsLost, String nameProperty) {
        this.cloudFormationType = cloudFormationType;
        this.noun = noun;
        this.whatIsLost = whatIsLost;
        this.nameProperty = nameProperty;
    }

    /** The stateful type of a CloudFormation resource type, if it is one. */
    public static Optional<StatefulType> of(String cloudFormationType) {
        return Arrays.stream(values()).filter(type -> type.cloudFormationType.equals(cloudFormationType)).findFirst();
    }

    public String cloudFormationType() {
        return cloudFormationType;
    }

    /** What a user calls it: {@code user pool}. */
    public String noun() {
        return noun;
    }

    /**
     * The property that names the resource itself (its physical id), when it has one: CloudFormation cannot
     * replace a resource whose name is given, so a replacing change to it fails instead.
     */
    public Optional<String> nameProperty() {
        return Optional.ofNullable(nameProperty);
    }

    /** Every noun, for messages: {@code user pool, ..., S3 bucket}. */
    public static String allNouns() {
        return Arrays.stream(values()).map(StatefulType::noun).collect(Collectors.joining(", "));
    }

    /** What is gone when a resource of this type is deleted or replaced. */
    public String whatIsLost() {
        return whatIsLost;
    }
}
