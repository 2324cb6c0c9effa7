package dev.gen2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code Type.method(} and {@code Type.Nested.method(} calls that the documentation names in its inline code
 * ({@code `...`} in running text and tables; fenced blocks are left to {@link ReadmeSnippetsTest}, which compiles
 * them), checked by reflection against the library's public API.
 *
 * <p>What is checked, and how a name is resolved:
 * <ul>
 * <li>A simple name is one of the library's public top-level types (any {@code dev.gen2} package). A type nested in
 * one is written with its outer type ({@code AuthorizationModes.ApiKey}), as a user who imports the top-level types
 * writes it; naming it alone is an error that says which outer type to write.</li>
 * <li>The segments after it are public nested types or public static fields ({@code PasswordPolicy.AMPLIFY_DEFAULT}),
 * and the call is a public method of what they name: static when called on a type, any when called on a field's
 * value.</li>
 * <li>Java types from outside the library that the documentation names are checked the same way, by the
 * qualified names in {@link #OUTSIDE_JAVA} (the JDK's and the CDK's).</li>
 * <li>The JavaScript names a frontend uses ({@link #JAVASCRIPT}: {@code Amplify.configure(..)} of aws-amplify,
 * {@code JSON.stringify(..)}) are not Java and are not checked.</li>
 * <li>Any other capitalized name followed by {@code .method(} is an error, so that a misspelled or renamed type is
 * never taken for prose: add it to one of the two lists if it is not the library's.</li>
 * </ul>
 * Chained calls after the first ({@code Field.string().required()}) are not followed. An instance method named in
 * prose without a value to call it on is written as Javadoc writes it, {@code SandboxSecrets#lastUpdated()}, and not
 * read.
 */
final class ApiReferences {
    /** Java types outside the library the documentation may name, by simple name. */
    static final Map<String, String> OUTSIDE_JAVA = Map.ofEntries(
            Map.entry("List", "java.util.List"),
            Map.entry("Map", "java.util.Map"),
            Map.entry("Set", "java.util.Set"),
            Map.entry("Optional", "java.util.Optional"),
            Map.entry("Path", "java.nio.file.Path"),
            Map.entry("Duration", "java.time.Duration"),
            Map.entry("SecretValue", "software.amazon.awscdk.SecretValue"),
            Map.entry("App", "software.amazon.awscdk.App"),
            Map.entry("Stack", "software.amazon.awscdk.Stack"),
            Map.entry("Validations", "software.amazon.awscdk.Validations"),
            Map.entry("Template", "software.amazon.awscdk.assertions.Template"),
            Map.entry("Match", "software.amazon.awscdk.assertions.Match"));
    /** JavaScript names the documentation uses for the frontend's side; not checked. */
    static final Set<String> JAVASCRIPT = Set.of("Amplify", "Auth", "JSON");

    private static final Pattern FENCE = Pattern.compile("^\\s*```");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern CALL = Pattern.compile(
            "(?<![\\w.$])([A-Z][A-Za-z0-9_]*(?:\\.[A-Z][A-Za-z0-9_]*)*)\\.([a-z][A-Za-z0-9_]*)\\(");

    /** A {@code Type.method(} in a file's inline code: where, and the text as written. */
    record Reference(String where, String type, String method) {
        String text() {
            return type + "." + method + "(";
        }
    }

    private final Map<String, List<Class<?>>> libraryTypes;
    private final Map<String, List<Class<?>>> nestedTypes;

    private ApiReferences(Map<String, List<Class<?>>> libraryTypes, Map<String, List<Class<?>>> nestedTypes) {
        this.libraryTypes = libraryTypes;
        this.nestedTypes = nestedTypes;
    }

    /** The library's public types, found in the directory its classes were loaded from. */
    static ApiReferences ofLibrary() {
        Path classes;
        try {
            classes = Path.of(dev.gen2.backend.Backend.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, List<Class<?>>> topLevel = new TreeMap<>();
        Map<String, List<Class<?>>> nested = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/gen2"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ApiReferences.class.getClassLoader());
                if (!Modifier.isPublic(type.getModifiers()) || type.isAnonymousClass() || type.isSynthetic()) {
                    continue;
                }
                if (type.getEnclosingClass() == null) {
                    topLevel.computeIfAbsent(type.getSimpleName(), k -> new ArrayList<>()).add(type);
                } else if (!type.isLocalClass()) {
                    nested.computeIfAbsent(type.getSimpleName(), k -> new ArrayList<>()).add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return new ApiReferences(topLevel, nested);
    }

    int libraryTypeCount() {
        return libraryTypes.size();
    }

    /** Every {@code Type.method(} in the inline code of a Markdown text, outside fenced blocks. */
    static List<Reference> find(String file, String markdown) {
        List<Reference> references = new ArrayList<>();
        boolean fenced = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).find()) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher code = INLINE_CODE.matcher(lines[i]);
            while (code.find()) {
                Matcher call = CALL.matcher(code.group(1));
                while (call.find()) {
                    references.add(new Reference(file + ":" + (i + 1), call.group(1), call.group(2)));
                }
            }
        }
        return references;
    }

    /** The Markdown files the check covers: the README, and every page under docs/ once there are some. */
    static Map<String, String> documentation(Path root) {
        Map<String, String> files = new LinkedHashMap<>();
        try {
            files.put("README.md", Files.readString(root.resolve("README.md")));
            Path docs = root.resolve("docs");
            if (Files.isDirectory(docs)) {
                try (Stream<Path> pages = Files.walk(docs)) {
                    for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                        files.put(root.relativize(page).toString(), Files.readString(page));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Whether the reference is checked (a Java name) rather than skipped as JavaScript. */
    static boolean isJava(Reference reference) {
        return !JAVASCRIPT.contains(reference.type().split("\\.")[0]);
    }

    /** What is wrong with a reference, with where and the fix; empty when the API has it or it is JavaScript. */
    Optional<String> problem(Reference reference) {
        String[] segments = reference.type().split("\\.");
        String first = segments[0];
        if (JAVASCRIPT.contains(first)) {
            return Optional.empty();
        }
        List<Class<?>> candidates = libraryTypes.get(first);
        if (candidates == null && OUTSIDE_JAVA.containsKey(first)) {
            candidates = List.of(outside(first));
        }
        if (candidates == null) {
            return Optional.of(unknown(reference, first));
        }
        List<String> problems = new ArrayList<>();
        for (Class<?> candidate : candidates) {
            Optional<String> problem = problemIn(reference, candidate, Arrays.copyOfRange(segments, 1,
                    segments.length));
            if (problem.isEmpty()) {
                return Optional.empty();
            }
            problems.add(problem.get());
        }
        return Optional.of(String.join("; ", problems));
    }

    private Optional<String> problemIn(Reference reference, Class<?> type, String[] rest) {
        Class<?> current = type;
        boolean onType = true;
        for (String segment : rest) {
            Optional<Class<?>> member = Arrays.stream(current.getClasses())
                    .filter(nested -> nested.getSimpleName().equals(segment)).findFirst();
            if (member.isPresent() && onType) {
                current = member.get();
                continue;
            }
            Optional<Field> constant = publicStaticField(current, segment);
            if (constant.isEmpty() || !onType) {
                return Optional.of(reference.where() + ": `" + reference.text() + "`: " + current.getName()
                        + " has no public nested type or static field " + segment + ". Fix: name a type or constant"
                        + " it has.");
            }
            current = constant.get().getType();
            onType = false;
        }
        boolean staticCall = onType;
        List<Method> named = Arrays.stream(current.getMethods()).filter(m -> m.getName().equals(reference.method()))
                .toList();
        if (named.isEmpty()) {
            return Optional.of(reference.where() + ": `" + reference.text() + "`: " + current.getName()
                    + " has no public method " + reference.method() + ". Fix: name one of its methods: "
                    + String.join(", ", new java.util.TreeSet<>(Arrays.stream(current.getMethods())
                            .filter(m -> !staticCall || Modifier.isStatic(m.getModifiers()))
                            .filter(m -> m.getDeclaringClass() != Object.class).map(Method::getName).toList())) + ".");
        }
        if (staticCall && named.stream().noneMatch(m -> Modifier.isStatic(m.getModifiers()))) {
            return Optional.of(reference.where() + ": `" + reference.text() + "`: " + current.getName() + "."
                    + reference.method() + " is not static, so it is not called on the type. Fix: show it on a value,"
                    + " such as `.method(..)` after the call that makes one.");
        }
        return Optional.empty();
    }

    private String unknown(Reference reference, String first) {
        List<Class<?>> nested = nestedTypes.get(first);
        if (nested != null) {
            return reference.where() + ": `" + reference.text() + "`: " + first + " is not a top-level type of the"
                    + " library, so a user who imports the library's types cannot write it alone; it is nested in "
                    + String.join(" and ", nested.stream().map(type -> type.getEnclosingClass().getSimpleName())
                            .toList()) + ". Fix: write `" + nested.get(0).getEnclosingClass().getSimpleName() + "."
                    + reference.type() + "." + reference.method() + "(`.";
        }
        return reference.where() + ": `" + reference.text() + "`: " + first + " is neither a public type of the"
                + " library (dev.gen2) nor a name this check knows. Fix: correct the name, or, if it is a JDK or CDK"
                + " type or a JavaScript name, add it to ApiReferences.OUTSIDE_JAVA or ApiReferences.JAVASCRIPT.";
    }

    private static Class<?> outside(String simpleName) {
        try {
            return Class.forName(OUTSIDE_JAVA.get(simpleName), false, ApiReferences.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("ApiReferences.OUTSIDE_JAVA names a class not on the classpath", e);
        }
    }

    private static Optional<Field> publicStaticField(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? Optional.of(field) : Optional.empty();
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        }
    }
}
