package dev.gen2.parity;

import java.util.regex.Pattern;

/**
 * A difference from Amplify that is there by design: the paths it covers in one comparison, and why.
 *
 * @param comparison {@code sdl}, {@code introspection} or {@code outputs}
 * @param paths a regular expression over the differing paths (as {@link JsonPaths} writes them)
 * @param reason why we differ; the README's "Where we differ" says the same
 */
public record KnownDifference(String comparison, Pattern paths, String reason) {

    public static KnownDifference of(String comparison, String pathRegex, String reason) {
        return new KnownDifference(comparison, Pattern.compile(pathRegex), reason);
    }

    boolean covers(String comparisonName, String path) {
        return comparison.equals(comparisonName) && paths.matcher(path).matches();
    }
}
