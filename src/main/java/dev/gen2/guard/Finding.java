package dev.gen2.guard;

/**
 * One change of a deploy that would lose something a user has: a stateful resource deleted, replaced, or given a
 * change its service refuses on an existing resource.
 *
 * @param resource the resource as deployed
 * @param type what kind of stateful resource it is
 * @param change what the deploy would do to it
 * @param reason why: the property that changes, or where the resource went
 */
public record Finding(StackTemplates.Resource resource, StatefulType type, Change change, String reason) {

    /** What a deploy would do to a stateful resource. */
    public enum Change {
        /** Its logical id or stack disappears: CloudFormation deletes it (or, with Retain, lets it go). */
        DELETED,
        /** A property that forces replacement changes: a new resource is created and the old one deleted. */
        REPLACED,
        /** Its service cannot make the change on an existing resource: the deploy fails and rolls back. */
        UPDATE_FAILS
    }

    /** The resource's address: its stack path and logical id. */
    public String address() {
        return resource.address();
    }

    /** Whether {@code --allow-replacement value} names this resource: its address, logical id or construct path. */
    public boolean isNamedBy(String value) {
        String address = address();
        String logicalId = address.substring(address.lastIndexOf('/') + 1);
        return value.equals(address) || value.equals(logicalId) || readablePath().equals(value)
                || readablePath().equals(value + "/Resource");
    }

    /** What is wrong, what would be lost, and the safe way to make the change, on one line. */
    public String message() {
        String name = type.noun() + " " + address() + (readablePath().isEmpty() ? "" : " (" + readablePath() + ")");
        String what = switch (change) {
            case DELETED -> retained("DeletionPolicy")
                    ? name + " would leave the backend (" + reason + "); its DeletionPolicy Retain keeps it in the"
                            + " account, but the backend would go on without " + type.whatIsLost() + "."
                    : name + " would be deleted (" + reason + "): " + type.whatIsLost() + " would be lost.";
            case REPLACED -> name + " would be replaced by a new, empty one (" + reason + "): " + type.whatIsLost()
                    + (retained("UpdateReplacePolicy") ? " would stay behind in the old one, no longer used." : " would be"
                            + " lost.");
            case UPDATE_FAILS -> name + " cannot take this change (" + reason + "): the deploy would fail with"
                    + " \"Updates are not allowed\" and roll back.";
        };
        String safeWay = switch (change) {
            case DELETED -> "keep the name and place it was defined with (a renamed or removed auth, model or bucket"
                    + " gets a new logical id); to retire it on purpose, back up its data first.";
            case REPLACED -> "keep that property as deployed; to get the new setting, add a new resource beside this"
                    + " one, copy the data over, and remove the old one in a later deploy.";
            case UPDATE_FAILS -> "keep the setting as deployed; to change it, create a new user pool (a new auth"
                    + " name), move the users over (a user migration trigger does it at their next sign-in), and"
                    + " remove the old pool in a later deploy.";
        };
        return what + " Safe way: " + safeWay + " To do it on purpose: --allow-replacement " + address() + ".";
    }

    private boolean retained(String policy) {
        String value = resource.definition().path(policy).asText("");
        return value.equals("Retain") || value.equals("RetainExceptOnCreate");
    }

    /** The construct path without the stack name, such as {@code auth/amplifyAuth/UserPool/Resource}. */
    private String readablePath() {
        return resource.constructPath().map(path -> path.substring(path.indexOf('/') + 1)).orElse("");
    }
}
