package dev.gen2.backend;

import java.util.Optional;

/**
 * A resource defined but not yet built: what {@code defineAuth}, {@code defineData} and the others return in
 * Amplify. {@link Backend#define} builds each factory once, in the nested stack the factory chooses, in whatever
 * order lets resources reference each other through {@link BackendContext#get}. A factory that another resource
 * references (a trigger's function, say) is built with the backend even when it was not given to
 * {@code Backend.define}.
 *
 * @param <R> the resource the factory builds
 */
@FunctionalInterface
public interface ResourceFactory<R> {

    /** Builds the resource. Called once per backend. */
    R build(BackendContext backend);

    /**
     * The kind of resource a backend may hold only one of ({@code auth}, {@code data}), or empty for resources a
     * backend may hold many of.
     */
    default Optional<String> singletonKind() {
        return Optional.empty();
    }

    /**
     * The resource's name, for resources a backend may hold many of (a function's, a bucket's): two different
     * factories may not share a {@link #describe() description}, such as {@code function 'report'}. Empty for
     * resources without a name of their own.
     */
    default Optional<String> name() {
        return Optional.empty();
    }

    /** A short description of the factory for error messages, such as {@code auth} or {@code function 'report'}. */
    default String describe() {
        return singletonKind().orElse("resource");
    }
}
