package dev.gen2.backend.data;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an authorization rule allows, Amplify's {@code .to(['create', 'read'])}. {@code READ} is {@code GET},
 * {@code LIST}, {@code LISTEN}, {@code SYNC} and {@code SEARCH} together; {@code LISTEN} is the three
 * subscriptions.
 */
public enum Operation {
    CREATE, UPDATE, DELETE, READ, GET, LIST, LISTEN, SYNC, SEARCH;

    /** The name in Amplify's rules and model introspection: {@code create}, {@code read}... */
    public String amplifyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The operations of a rule that names none: Amplify's default. */
    static Set<Operation> defaults() {
        return EnumSet.of(CREATE, UPDATE, DELETE, READ);
    }

    /** Whether a rule allowing these operations allows {@code wanted}, with {@code READ} covering its parts. */
    static boolean allows(Set<Operation> allowed, Operation wanted) {
        return allowed.contains(wanted) || allowed.contains(READ)
                && EnumSet.of(GET, LIST, LISTEN, SYNC, SEARCH).contains(wanted);
    }
}
