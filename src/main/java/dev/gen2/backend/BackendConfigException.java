package dev.gen2.backend;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The one error a user's backend definition fails with at synth time: it says what is wrong, where, and how
 * to fix it.
 */
public final class BackendConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String problem;
    private final String fix;
    private final String replacement;

    public BackendConfigException(String where, String problem, String fix) {
        this(where, problem, fix, null);
    }

    /**
     * An error whose fix offers a value to put in place of the one at fault, such as a storage path; the fix's text
     * names it too. The value must itself be accepted: offer one only when it passes every check the bad one failed
     * (the property tests apply each offered value and synthesize the result).
     */
    public static BackendConfigException withReplacement(String where, String problem, String fix,
            String replacement) {
        return new BackendConfigException(where, problem, fix, Required.argument(replacement, where,
                "The replacement", "offer a value, or use the constructor without one."));
    }

    private BackendConfigException(String where, String problem, String fix, String replacement) {
        super(where + ": " + problem + " Fix: " + fix);
        this.where = where;
        this.problem = problem;
        this.fix = fix;
        this.replacement = replacement;
    }

    /**
     * The backend error a failure carries, if any: the failure itself, or the cause of the wrappers Java puts around
     * it, {@code ExceptionInInitializerError} (a bad definition in a resource file's static field) and
     * {@code InvocationTargetException} (a backend's {@code define(App)} called by reflection).
     */
    public static Optional<BackendConfigException> causeOf(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof ExceptionInInitializerError || cause instanceof InvocationTargetException) {
            cause = cause.getCause();
        }
        return cause instanceof BackendConfigException config ? Optional.of(config) : Optional.empty();
    }

    /** The one line a synth prints for this error: {@code Backend definition error: <where>: <what> Fix: <how>}. */
    public String report() {
        return "Backend definition error: " + getMessage();
    }

    /** The part of the backend definition at fault, such as {@code auth.loginWith.email}. */
    public String where() {
        return where;
    }

    /** What is wrong, in Amplify's words where Amplify has a message for it. */
    public String problem() {
        return problem;
    }

    /** How to fix it. */
    public String fix() {
        return fix;
    }

    /** The value the fix offers in place of the one at fault (a path, a default value), when it offers one. */
    public Optional<String> replacement() {
        return Optional.ofNullable(replacement);
    }
}
