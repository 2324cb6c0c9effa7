package dev.gen2.backend.data;

/** The scalar field types of Amplify's data schema ({@code a.string()}, {@code a.datetime()}...), by GraphQL name. */
public enum Scalar implements FieldType {
    ID("ID", "ModelIDInput"),
    STRING("String", "ModelStringInput"),
    INT("Int", "ModelIntInput"),
    FLOAT("Float", "ModelFloatInput"),
    BOOLEAN("Boolean", "ModelBooleanInput"),
    DATE("AWSDate", "ModelStringInput"),
    TIME("AWSTime", "ModelStringInput"),
    DATETIME("AWSDateTime", "ModelStringInput"),
    TIMESTAMP("AWSTimestamp", "ModelIntInput"),
    EMAIL("AWSEmail", "ModelStringInput"),
    JSON("AWSJSON", "ModelStringInput"),
    PHONE("AWSPhone", "ModelStringInput"),
    URL("AWSURL", "ModelStringInput"),
    IP_ADDRESS("AWSIPAddress", "ModelStringInput");

    private final String graphqlName;
    private final String filterInput;

    Scalar(String graphqlName, String filterInput) {
        this.graphqlName = graphqlName;
        this.filterInput = filterInput;
    }

    @Override
    public String graphqlName() {
        return graphqlName;
    }

    /** The filter input of the list query and the mutation conditions, such as {@code ModelStringInput}. */
    public String filterInput() {
        return filterInput;
    }

    /** The subscription filter input, such as {@code ModelSubscriptionStringInput}. */
    public String subscriptionFilterInput() {
        return filterInput.replace("Model", "ModelSubscription");
    }

    /** The DynamoDB attribute type of a key on this scalar: numbers are {@code N}, the rest {@code S}. */
    String keyAttributeType() {
        return this == INT || this == FLOAT || this == TIMESTAMP ? "N" : "S";
    }
}
