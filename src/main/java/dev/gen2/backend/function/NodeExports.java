package dev.gen2.backend.function;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a Node.js module's source exports a name, read from its text (no JavaScript is run): enough to catch a
 * {@code handler("index.main")} whose file has no {@code main}. It recognizes {@code exports.main =},
 * {@code module.exports.main =}, {@code export const|let|var main}, {@code export function main},
 * {@code exports["main"] =}, {@code export async function main}, {@code export { main }} (or {@code { x as main }}),
 * and, leniently, the word {@code main} anywhere after an object literal's opening brace assigned to
 * {@code module.exports}. A module that builds its exports any other way (a variable assigned to
 * {@code module.exports}, a re-export from another file) is not recognized.
 */
final class NodeExports {

    private NodeExports() {
    }

    /** Whether {@code source} exports {@code name} in one of the forms above. */
    static boolean exports(String source, String name) {
        String quoted = Pattern.quote(name);
        String word = "(?<![\\w$])" + quoted + "(?![\\w$])";
        List<Pattern> forms = List.of(
                Pattern.compile("(?<![.\\w$])(?:module\\.)?exports\\s*(?:\\.\\s*" + word + "|\\[\\s*['\"]" + quoted
                        + "['\"]\\s*])\\s*="),
                Pattern.compile("\\bexport\\s+(?:const|let|var|function\\*?|async\\s+function\\*?)\\s*" + word),
                Pattern.compile("\\bexport\\s*\\{[^}]*" + word + "\\s*[,}]"),
                Pattern.compile("module\\.exports\\s*=\\s*\\{[\\s\\S]*?" + word));
        return forms.stream().anyMatch(form -> form.matcher(source).find());
    }
}
