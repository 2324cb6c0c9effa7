package dev.gen2.deploy;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.backend.BackendId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AssetStaging;

/**
 * Synthesizes a backend in this JVM into a cloud assembly: its class's {@code public static ... define(App app)}
 * is called with an app that carries the backend's identity (and the rest of the project's CDK context), so no new
 * JVM and no CDK CLI app run are needed, and aws-cdk-lib stays loaded between synths. The class is loaded from the
 * given class loader, so a watch loop can hand in freshly compiled classes.
 */
public final class BackendSynthesizer {
    /**
     * What the CDK CLI puts in the context of every app it runs: resource paths and asset locations in the template
     * metadata (hotswap finds a nested stack's template and a function's code through them) and CDK's version
     * report, so that an assembly made here is the one {@code cdk synth} makes.
     */
    static final Map<String, Object> CLI_CONTEXT = new TreeMap<>(Map.of("aws:cdk:enable-path-metadata", true,
            "aws:cdk:enable-asset-metadata", true, "aws:cdk:version-reporting", true,
            "aws:cdk:bundling-stacks", List.of("**")));
    private final String backendClass;
    private final Map<String, Object> projectContext;

    public BackendSynthesizer(String backendClass, Map<String, Object> projectContext) {
        this.backendClass = backendClass;
        this.projectContext = Map.copyOf(projectContext);
    }

    /** Writes the assembly of the backend {@code id} to {@code outdir} (emptied first) and returns it. */
    public Path synth(ClassLoader classes, BackendId id, Map<String, Object> extraContext, Path outdir) {
        Map<String, Object> context = new LinkedHashMap<>(CLI_CONTEXT);
        context.putAll(projectContext);
        context.putAll(extraContext);
        context.put(BackendId.NAMESPACE_KEY, id.namespace());
        context.put(BackendId.NAME_KEY, id.name());
        context.put(BackendId.TYPE_KEY, id.type().value());
        emptyDirectory(outdir);
        synthApp(classes, context, outdir);
        return outdir;
    }

    /**
     * Synthesizes the backend as the CDK CLI's run of the app would: into {@code outdir} as it is (the CLI owns that
     * directory and its lock files) and with exactly {@code context} (what the CLI passes in
     * {@code CDK_CONTEXT_JSON}).
     */
    public void synthApp(ClassLoader classes, Map<String, Object> context, Path outdir) {
        Method define = defineMethod(classes);
        // CDK remembers, per JVM, the assets it has staged and would not copy them into the emptied directory
        // again; Amplify's deployer clears the same cache before each synth.
        AssetStaging.clearAssetHashCache();
        App app = App.Builder.create().outdir(outdir.toAbsolutePath().toString()).context(context).build();
        try {
            define.invoke(null, app);
        } catch (InvocationTargetException e) {
            throw BackendConfigException.causeOf(e).orElseGet(() -> new BackendConfigException(backendClass
                    + ".define", "Defining the backend failed: " + e.getCause(),
                    "fix the backend definition; the message above says where."));
        } catch (IllegalAccessException e) {
            throw new BackendConfigException(backendClass + ".define", "define(App) is not accessible.",
                    "make the class and its define(App) method public.");
        }
        try {
            app.synth();
        } catch (RuntimeException e) {
            if (e instanceof BackendConfigException) {
                throw e;
            }
            // the whole message: CDK's "Validation failed with the following errors:" names the constructs below
            throw new BackendConfigException(backendClass, "Synthesis failed: " + (e.getMessage() == null
                    ? e.toString() : e.getMessage().strip()), "fix the construct the message names.");
        }
    }

    /** Whether {@code classes} hold the backend class with a {@code public static define(App)} to call. */
    public boolean isDefinedIn(ClassLoader classes) {
        try {
            findDefine(classes, false);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    /** The backend class's {@code public static define(App)}, its class initialized when {@code initialize}. */
    private Method findDefine(ClassLoader classes, boolean initialize) throws ClassNotFoundException,
            NoSuchMethodException {
        Method define = Class.forName(backendClass, initialize, classes).getMethod("define", App.class);
        if (!Modifier.isStatic(define.getModifiers())) {
            throw new NoSuchMethodException("define(App) is not static");
        }
        return define;
    }

    private Method defineMethod(ClassLoader classes) {
        try {
            return findDefine(classes, true);
        } catch (ClassNotFoundException e) {
            throw new BackendConfigException("cdk.json", "The backend class " + backendClass + " is not compiled.",
                    "build the project (mvn process-classes), or fix the class name in cdk.json's app.");
        } catch (NoSuchMethodException e) {
            throw new BackendConfigException(backendClass, "The backend class has no public static define(App app).",
                    "add `public static Backend define(App app) { return Backend.define(app, ...); }` and call it"
                            + " from main.");
        } catch (ExceptionInInitializerError e) {
            throw BackendConfigException.causeOf(e).orElseGet(() -> new BackendConfigException(backendClass,
                    "Loading the backend class failed: " + e.getCause(),
                    "fix the static initializer the message names."));
        }
    }

    private static void emptyDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(directory)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the assembly directory " + directory, e);
        }
    }
}
