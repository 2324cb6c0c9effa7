package dev.gen2.backend.data;

/** What a function granted access to the API may call, Amplify's {@code allow.resource(fn).to([...])}. */
public enum DataAccess {
    QUERY("Query"), MUTATE("Mutation"), LISTEN("Subscription");

    private final String typeName;

    DataAccess(String typeName) {
        this.typeName = typeName;
    }

    /** The GraphQL root type the access covers. */
    public String typeName() {
        return typeName;
    }
}
