package dev.gen2.scaffold;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.PublicFiles;
import dev.gen2.deploy.CdkToolkit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code gen2 init}: writes a new backend project that depends on this library, as {@code npm create amplify}
 * starts an Amplify project: a {@code pom.xml}, {@code cdk.json} with the fast launcher, the backend class with
 * {@code define(App)}, one class per resource kind asked for (auth with email sign-in by default), a test written
 * with the test kit, the launchers, {@code .gitignore}, a short README and, when asked for, the CI workflow that deploys
 * a backend per git branch.
 */
public final class ProjectScaffold {
    private static final String TEMPLATES = "files/";
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,49}");
    private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    /** The resources a new project can start with, each a class beside the backend class. */
    public enum Resource {
        AUTH("AuthConfig", "auth", "AuthConfig.AUTH"),
        DATA("DataConfig", "data", "DataConfig.DATA"),
        STORAGE("StorageConfig", "storage", "StorageConfig.FILES"),
        FUNCTION("FunctionConfig", "functions", "FunctionConfig.HELLO");

        private final String className;
        private final String subpackage;
        private final String factory;

        Resource(String className, String subpackage, String factory) {
            this.className = className;
            this.subpackage = subpackage;
            this.factory = factory;
        }
    }

    /**
     * The CI services a new project can start with a workflow for: the library's templates ({@code src/main/ci} in
     * its repository), copied unchanged to where the service reads them.
     */
    public enum CiService {
        GITHUB("github", "github-actions.yml", ".github/workflows/amplify-backend.yml"),
        GITLAB("gitlab", "gitlab-ci.yml", ".gitlab-ci.yml");

        private final String option;
        private final String template;
        private final String target;

        CiService(String option, String template, String target) {
            this.option = option;
            this.template = template;
            this.target = target;
        }

        /** The service {@code --ci} names ({@code github} or {@code gitlab}, in any case). */
        public static CiService named(String name) {
            for (CiService service : values()) {
                if (service.option.equalsIgnoreCase(String.valueOf(name).trim())) {
                    return service;
                }
            }
            throw new BackendConfigException("--ci", "'" + name + "' is not a CI service init has a workflow for.",
                    "give github (GitHub Actions) or gitlab (GitLab CI), or leave --ci out.");
        }

        /** Where the workflow is written in the new project. */
        public String target() {
            return target;
        }
    }

    /**
     * What to write.
     *
     * @param directory the new project's directory
     * @param namespace the backend's namespace (Amplify's project name): letters, digits and hyphens
     * @param javaPackage the backend's Java package
     * @param resources the resources to start with
     * @param overwrite whether a directory that is not empty may be written into
     * @param ci the CI service to write the branch-deploy workflow for, if any
     */
    public record Settings(Path directory, String namespace, String javaPackage, Set<Resource> resources,
            boolean overwrite, Optional<CiService> ci) {
        /** Settings without a CI workflow. */
        public Settings(Path directory, String namespace, String javaPackage, Set<Resource> resources,
                boolean overwrite) {
            this(directory, namespace, javaPackage, resources, overwrite, Optional.empty());
        }
    }

    private ProjectScaffold() {
    }

    /** Writes the project and returns the files written, relative to its directory. */
    public static List<Path> create(Settings settings) {
        check(settings);
        String packagePath = settings.javaPackage().replace('.', '/');
        Map<String, String> values = new LinkedHashMap<>();
        values.put("package", settings.javaPackage());
        values.put("packagePath", packagePath);
        values.put("namespace", settings.namespace());
        values.put("artifact", settings.namespace().toLowerCase() + "-backend");
        values.put("libraryVersion", libraryVersion());
        values.put("cdkCliVersion", CdkToolkit.CLI_VERSION);
        values.put("imports", imports(settings));
        values.put("factories", factories(settings));
        values.put("authTest", settings.resources().contains(Resource.AUTH) ? AUTH_TEST : "");
        values.put("ciSection", settings.ci().map(ci -> CI_SECTION.replace("{{ciFile}}", ci.target())).orElse(""));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "pom.xml");
        files.put("cdk.json", "cdk.json");
        files.put("gitignore", ".gitignore");
        files.put("README.md", "README.md");
        files.put("BackendApp.java", "src/main/java/" + packagePath + "/BackendApp.java");
        files.put("BackendTest.java", "src/test/java/" + packagePath + "/BackendTest.java");
        for (Resource resource : EnumSet.copyOf(settings.resources())) {
            files.put(resource.className + ".java", "src/main/java/" + packagePath + "/" + resource.subpackage + "/"
                    + resource.className + ".java");
        }
        if (settings.resources().contains(Resource.FUNCTION)) {
            files.put("hello-index.js", "src/main/functions/hello/index.js");
        }
        List<Path> written = new ArrayList<>();
        files.forEach((template, target) -> written.add(write(settings.directory(), target, fill(read(TEMPLATES
                + template), values))));
        for (String script : List.of("build-classes.sh", "run-java.sh", "synth.sh", "synth-client.js", "gen2.sh")) {
            written.add(write(settings.directory(), "src/main/scripts/" + script, read("scripts/" + script)));
        }
        settings.ci().ifPresent(ci -> written.add(write(settings.directory(), ci.target, read("ci/" + ci.template))));
        return written;
    }

    private static final String CI_SECTION = """

            `{{ciFile}}` deploys one backend environment per git branch on every push and destroys it when the
            branch is deleted; its comments list the variables and the IAM role to set up first.
            """;

    private static final String AUTH_TEST = """

                @Test
                void usersSignInWithEmail() {
                    dev.gen2.testing.BackendChecks.assertSignInWith(BACKEND, "email");
                }
            """;

    private static void check(Settings settings) {
        if (!NAMESPACE.matcher(settings.namespace()).matches()) {
            throw new BackendConfigException("--namespace", "'" + settings.namespace() + "' is not a namespace.",
                    "use 1 to 50 letters, digits and hyphens, starting with a letter, such as my-app.");
        }
        if (!JAVA_PACKAGE.matcher(settings.javaPackage()).matches()) {
            throw new BackendConfigException("--package", "'" + settings.javaPackage() + "' is not a Java package.",
                    "use lower-case words joined by dots, such as com.example.backend.");
        }
        if (settings.resources().isEmpty()) {
            throw new BackendConfigException("--resources", "No resource to start with.",
                    "name at least one of auth, data, storage, function.");
        }
        Path directory = settings.directory();
        if (Files.exists(directory) && !settings.overwrite()) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new BackendConfigException(directory.toString(), "The directory is not empty.",
                            "give a new or empty directory, or pass --force to write into it (files of the same name"
                                    + " are replaced).");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String imports(Settings settings) {
        StringBuilder imports = new StringBuilder();
        settings.resources().stream().sorted((a, b) -> a.subpackage.compareTo(b.subpackage)).forEach(resource ->
                imports.append("import ").append(settings.javaPackage()).append('.').append(resource.subpackage)
                        .append('.').append(resource.className).append(";\n"));
        return imports.toString();
    }

    private static String factories(Settings settings) {
        StringBuilder factories = new StringBuilder();
        EnumSet.copyOf(settings.resources()).forEach(resource -> factories.append(", ").append(resource.factory));
        return factories.toString();
    }

    private static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return text;
    }

    private static Path write(Path directory, String target, String content) {
        Path file = directory.resolve(target);
        try {
            Files.createDirectories(file.getParent());
            PublicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return Path.of(target);
    }

    private static String read(String resource) {
        try (InputStream in = ProjectScaffold.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The scaffold's " + resource + " is missing from the library");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of this library, which the new project depends on (written into the jar by Maven). */
    static String libraryVersion() {
        Properties properties = new Properties();
        try (InputStream in = ProjectScaffold.class.getResourceAsStream("library.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The library's version is missing from its jar", e);
        }
        return properties.getProperty("version");
    }
}
