package dev.gen2.backend.function;

import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * The Lambda package of this project's Java handlers, {@code target/lambda/functions.zip}: the classes of the
 * packages under {@code amplify.functions} and the libraries they use, built by Maven before the tests (the
 * {@code process-classes} phase), so {@code mvn compile} alone is not enough.
 */
final class JavaFunctionPackage {
    static final Path PATH = Path.of("target", "lambda", "functions.zip");
    private static final Set<String> HANDLER_INTERFACES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private JavaFunctionPackage() {
    }

    /**
     * Fails unless the class is one Lambda can run as {@code <class>::handleRequest}: a public, concrete class
     * implementing {@code RequestHandler} or {@code RequestStreamHandler}. The interfaces are compared by name, so a
     * class the watch loop recompiled into a class loader of its own is recognized too.
     */
    static void requireLambdaHandler(String where, Class<?> handlerClass) {
        if (!implementsHandler(handlerClass)) {
            throw new BackendConfigException(where, "The class " + handlerClass.getName() + " is not a Lambda"
                    + " handler: it implements neither RequestHandler nor RequestStreamHandler.",
                    "implement com.amazonaws.services.lambda.runtime.RequestHandler<I, O> (or RequestStreamHandler)"
                            + " in a class under amplify.functions, and give that class.");
        }
        if (!Modifier.isPublic(handlerClass.getModifiers()) || Modifier.isAbstract(handlerClass.getModifiers())) {
            throw new BackendConfigException(where, "Lambda cannot create the handler " + handlerClass.getName()
                    + ": it is not a public, concrete class.", "make the class public and not abstract, with a"
                            + " public constructor without arguments.");
        }
    }

    private static boolean implementsHandler(Class<?> type) {
        if (type == null) {
            return false;
        }
        if (HANDLER_INTERFACES.contains(type.getName())) {
            return true;
        }
        return implementsHandler(type.getSuperclass())
                || Arrays.stream(type.getInterfaces()).anyMatch(JavaFunctionPackage::implementsHandler);
    }

    /** Fails unless the package exists and holds the handler class. */
    static void requireHandler(String where, String handlerClass) {
        if (!Files.isRegularFile(PATH)) {
            throw new BackendConfigException(where, "The Java functions' package " + PATH + " has not been built.",
                    "run mvn process-classes (cdk synth through cdk.json does), then synthesize again.");
        }
        String entry = handlerClass.replace('.', '/') + ".class";
        try (ZipFile zip = new ZipFile(PATH.toFile())) {
            if (zip.getEntry(entry) == null) {
                throw new BackendConfigException(where, "The handler class " + handlerClass + " is not in " + PATH
                        + ".", "put Java handlers in a package under amplify.functions, such as"
                                + " amplify.functions.report, and rebuild.");
            }
        } catch (IOException e) {
            throw new BackendConfigException(where, "Cannot read " + PATH + ": " + e.getMessage(),
                    "rebuild it with mvn process-classes.");
        }
    }
}
