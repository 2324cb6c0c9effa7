package dev.gen2.guard;

/**
 * One change of a deploy that would lose something a user has, or that cannot be made: a stateful resource
 * deleted, replaced, or given a change its service (or CloudFormation) refuses on an existing resource.
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
        /** The change cannot be made to the existing resource: the deploy would fail and roll back. */
        UPDATE_FAILS
    }

    /** The resource's address: its stack path and logical id. */
    public String address() {
        return resource.address();
    }

    /** Whether {@code --allow-replacement} can let it through: not a change that would only make the deploy fail. */
    public boolean canBeAllowed() {
        return change != Change.UPDATE_FAILS;
    }

    /**
     * Whether {@code --allow-replacement value} names this resource: its address, its logical id (which may be
     * the same in two nested stacks), or its construct path.
     */
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
                    + (retained("UpdateReplacePolicy") ? " would stay behind in the old one, no longer used."
                            : " would be lost.");
            case UPDATE_FAILS -> name + " cannot take this change (" + reason + "): the deploy would fail and roll"
                    + " back.";
        };
        return what + " Safe way: " + safeWay() + (canBeAllowed() ? " To do it on purpose: --allow-replacement "
                + address() + "." : "");
    }

    private String safeWay() {
        if (change == Change.DELETED) {
            return "keep the name and place it was defined with (a renamed or removed auth, model, group or bucket"
                    + " gets a new logical id); to retire it on purpose, back up its data first.";
        }
        if (type == StatefulType.USER_POOL) {
            return "keep the setting as deployed; to change it, create a new user pool (a new auth name), move the"
                    + " users over (a user migration trigger does it at their next sign-in), and remove the old pool"
                    + " in a later deploy. A sandbox can start over instead: gen2 sandbox delete, then deploy.";
        }
        String keep = change == Change.REPLACED ? "keep that property as deployed" : "keep the setting as deployed";
        return keep + "; to get the new setting, add a new " + type.noun() + " beside this one (a new model or"
                + " bucket name), copy the data over, and remove the old one in a later deploy. A sandbox can start"
                + " over instead: gen2 sandbox delete, then deploy.";
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
