package dev.gen2.backend.storage;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.ResourceNames;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Amplify's checks of storage paths and access rules, with its messages. */
final class StorageValidator {
    static final String ENTITY_ID = "{entity_id}";

    private StorageValidator() {
    }

    static void validate(StorageSettings settings) {
        if (settings.name() == null) {
            throw new BackendConfigException("storage.name", "A storage resource needs a name.",
                    "call name(\"media\").");
        }
        String where = "storage '" + settings.name() + "'";
        ResourceNames.validate(where + ".name", settings.name());
        List<String> paths = List.copyOf(settings.access().keySet());
        paths.forEach(path -> validatePath(where + ".access", path, paths));
        settings.access().forEach((path, rules) -> validateRules(where + ".access['" + path + "']", path, rules));
    }

    private static void validatePath(String where, String path, List<String> all) {
        if (path.startsWith("/")) {
            fail(where, path, all, "Storage access paths must not start with \"/\". Found [" + path + "].",
                    "remove the leading \"/\"");
        }
        if (!path.endsWith("/*")) {
            fail(where, path, all, "Storage access paths must end with \"/*\". Found [" + path + "].",
                    "end the path with \"/*\"");
        }
        if (path.contains("//")) {
            fail(where, path, all, "Path cannot contain \"//\". Found [" + path + "].",
                    "use a single \"/\" between path parts");
        }
        if (path.indexOf('*') < path.length() - 1) {
            fail(where, path, all, "Wildcards are only allowed as the final part of a path. Found [" + path + "].",
                    "Remove all wildcards that are not the final part of the path");
        }
        List<String> prefixes = prefixesOf(path, all);
        if (prefixes.size() > 1) {
            fail(where, "For any given path, only one other path can be a prefix of it. Found [" + path
                    + "] which has prefixes [" + String.join(", ", prefixes) + "].",
                    "Update the storage access paths such that any given path has at most one other path that is a"
                            + " prefix.");
        }
        if (!path.contains(ENTITY_ID)) {
            return;
        }
        if (!prefixes.isEmpty()) {
            fail(where, "A path cannot be a prefix of another path that contains the " + ENTITY_ID + " token. Found ["
                    + path + "] which has prefixes [" + String.join(", ", prefixes) + "].",
                    "Update the storage access paths such that any given path has at most one other path that is a"
                            + " prefix.");
        }
        String[] parts = path.split(Pattern.quote(ENTITY_ID), -1);
        if (parts.length > 2) {
            fail(where, "The " + ENTITY_ID + " token can only appear once in a path. Found [" + path + "]",
                    "Remove all but one occurrence of the " + ENTITY_ID + " token.");
        }
        if (!"/*".equals(parts[1])) {
            fail(where, "The " + ENTITY_ID + " token must be the path part right before the ending wildcard. Found ["
                    + path + "].", "Make the owner token the last path part before the wildcard, as in \"foo/bar/"
                            + ENTITY_ID + "/*\".");
        }
        if (parts[0].isEmpty()) {
            fail(where, "The " + ENTITY_ID + " token must not be the first path part. Found [" + path + "].",
                    "Add a prefix to the path, as in \"foo/" + ENTITY_ID + "/*\".");
        }
        if (!parts[0].endsWith("/")) {
            fail(where, "A path part that includes the " + ENTITY_ID + " token cannot include any other characters."
                    + " Found [" + path + "].", "Give the token a path part of its own, as in \"foo/" + ENTITY_ID
                            + "/*\".");
        }
    }

    /**
     * Fails for a malformed path, offering the path repaired (see {@link #repaired}) when that path passes every
     * path check among the others, and only the instruction when it does not.
     */
    private static void fail(String where, String path, List<String> all, String problem, String instruction) {
        Optional<String> repaired = repaired(path, all);
        if (repaired.isEmpty()) {
            fail(where, problem, instruction + ".");
        }
        throw BackendConfigException.withReplacement(where, problem, instruction + ": \"" + repaired.get() + "\".",
                repaired.get());
    }

    /**
     * A malformed path made well-formed: no leading "/", one "/" between parts, no wildcard but the final one, and
     * "/*" at the end (public, a wildcard part and photos/ become {@code public/photos/*}); empty when nothing is
     * left, when it is another path of the bucket, or when it or another path fails a check with it in place.
     */
    static Optional<String> repaired(String path, List<String> all) {
        String parts = Stream.of(path.split("/")).map(part -> part.replace("*", "")).filter(part -> !part.isEmpty())
                .collect(Collectors.joining("/"));
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String candidate = parts + "/*";
        List<String> others = all.stream().filter(other -> !other.equals(path)).toList();
        if (others.contains(candidate)) {
            return Optional.empty();
        }
        List<String> after = Stream.concat(others.stream(), Stream.of(candidate)).toList();
        try {
            for (String each : after) {
                validatePath("", each, after);
            }
            return Optional.of(candidate);
        } catch (BackendConfigException stillBad) {
            return Optional.empty();
        }
    }

    /** The other paths that are prefixes of this one, wildcards left out. */
    static List<String> prefixesOf(String path, List<String> all) {
        return all.stream().filter(other -> !other.equals(path) && path.startsWith(other.replace("*", ""))).toList();
    }

    private static void validateRules(String where, String path, List<StorageAccess> rules) {
        Set<String> seen = new HashSet<>();
        for (StorageAccess rule : rules) {
            if (rule.actions().isEmpty()) {
                fail(where, "An access rule has no actions.", "give each rule one or more StorageAction values.");
            }
            if (rule instanceof StorageAccess.Groups groups && groups.groups().isEmpty()) {
                fail(where, "A groups rule names no groups.",
                        "name at least one group: StorageAccess.groups(List.of(\"ADMINS\"), ..).");
            }
            if (rule instanceof StorageAccess.Entity && !path.contains(ENTITY_ID)) {
                // The token is what confines each user to their own objects; without it the grant covers the path.
                fail(where, "An entity rule needs the " + ENTITY_ID + " token in its path, and [" + path + "] has"
                        + " none: every signed-in user would get " + rule.actions().stream()
                                .map(action -> action.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")) + " access to everything under it.",
                        "put " + ENTITY_ID + " in the path, as in \"private/" + ENTITY_ID + "/*\", or use"
                                + " StorageAccess.authenticated(..) if every signed-in user should have that access.");
            }
            if (rule.actions().contains(StorageAction.READ)
                    && (rule.actions().contains(StorageAction.GET) || rule.actions().contains(StorageAction.LIST))) {
                fail(where, "read already means get and list; a rule gives either read or get and list.",
                        "give READ, or GET and LIST, not both.");
            }
            for (String id : definitionIds(rule)) {
                if (!seen.add(id)) {
                    fail(where, duplicateMessage(rule, id), "merge the rules of that role into one.");
                }
            }
        }
    }

    /** The keys a rule is written under in the outputs; a resource rule is keyed by nothing written. */
    static List<String> definitionIds(StorageAccess rule) {
        if (rule instanceof StorageAccess.Guest) {
            return List.of("guest");
        }
        if (rule instanceof StorageAccess.Authenticated) {
            return List.of("authenticated");
        }
        if (rule instanceof StorageAccess.Groups groups) {
            return groups.groups().stream().map(group -> "groups" + group).toList();
        }
        if (rule instanceof StorageAccess.Entity) {
            return List.of("entityidentity");
        }
        return List.of("resource" + System.identityHashCode(((StorageAccess.Resource) rule).function()));
    }

    private static String duplicateMessage(StorageAccess rule, String id) {
        if (rule instanceof StorageAccess.Guest) {
            return "Entity access definition for guest users specified multiple times.";
        }
        if (rule instanceof StorageAccess.Authenticated) {
            return "Entity access definition for authenticated users specified multiple times.";
        }
        if (rule instanceof StorageAccess.Groups) {
            return "Group access definition for " + id.substring("groups".length()) + " specified multiple times.";
        }
        if (rule instanceof StorageAccess.Entity) {
            return "Entity access definition for identity specified multiple times.";
        }
        return "Access definition for the same function specified multiple times.";
    }

    private static void fail(String where, String problem, String fix) {
        throw new BackendConfigException(where, problem, fix);
    }

}
