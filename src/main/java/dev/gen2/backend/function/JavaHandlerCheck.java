package dev.gen2.backend.function;

import dev.gen2.backend.BackendConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;

/** Whether a class is one Lambda's Java runtime can run as a handler, checked when the function is defined. */
final class JavaHandlerCheck {
    private static final Set<String> HANDLER_INTERFACES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private JavaHandlerCheck() {
    }

    /**
     * Fails unless Lambda can run the class as {@code <class>::handleRequest}: a public, concrete, top-level or static
     * class implementing {@code RequestHandler} or {@code RequestStreamHandler}, with a public constructor without
     * arguments. The interfaces are compared by name, so a class the watch loop recompiled into a class loader of its
     * own is recognized too.
     */
    static void requireLambdaHandler(String where, Class<?> handlerClass) {
        String name = handlerClass.getName();
        if (!implementsHandler(handlerClass)) {
            throw new BackendConfigException(where, "The class " + name + " is not a Lambda handler: it implements"
                    + " neither RequestHandler nor RequestStreamHandler.", "implement"
                            + " com.amazonaws.services.lambda.runtime.RequestHandler<I, O> (or RequestStreamHandler)"
                            + " in " + handlerClass.getSimpleName() + ".");
        }
        int modifiers = handlerClass.getModifiers();
        boolean innerClass = handlerClass.getEnclosingClass() != null && !Modifier.isStatic(modifiers);
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || innerClass) {
            throw new BackendConfigException(where, "Lambda cannot create the handler " + name + ": it is not a"
                    + " public, concrete" + (innerClass ? ", static" : "") + " class.", "make " + handlerClass
                            .getSimpleName() + " public" + (innerClass ? " and static" : "") + " and not abstract.");
        }
        if (!hasPublicNoArgumentConstructor(handlerClass)) {
            throw new BackendConfigException(where, "Lambda cannot create the handler " + name + ": it has no public"
                    + " constructor without arguments.", "add public " + handlerClass.getSimpleName() + "() {} and"
                            + " set up what it needs there or in static fields.");
        }
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> type) {
        return Arrays.stream(type.getConstructors()).map(Constructor::getParameterCount).anyMatch(count -> count == 0);
    }

    private static boolean implementsHandler(Class<?> type) {
        if (type == null) {
            return false;
        }
        if (HANDLER_INTERFACES.contains(type.getName())) {
            return true;
        }
        return implementsHandler(type.getSuperclass())
                || Arrays.stream(type.getInterfaces()).anyMatch(JavaHandlerCheck::implementsHandler);
    }
}
