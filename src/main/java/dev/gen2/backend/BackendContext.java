package dev.gen2.backend;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;

/** What a resource factory is given to build its resource: the backend's identity, stacks, outputs and peers. */
public interface BackendContext {

    /** The backend's identity, from the CDK context. */
    BackendId backendId();

    /** The root stack, the one {@code cdk deploy} names. */
    Stack rootStack();

    /**
     * The nested stack of a resource group ({@code auth}, {@code data}, {@code storage}, {@code function} or a
     * function's own group), made on first use with Amplify's attribution description of the given stack type.
     */
    Stack stackFor(String resourceGroupName, String stackType);

    /** Where resources record the outputs the frontend configuration is made from. */
    BackendOutputStorage outputs();

    /** The resource another factory of this backend builds, built now if it was not yet. */
    <R> R get(ResourceFactory<R> factory);

    /** The resource factories given to {@code Backend.define}, in order. */
    List<ResourceFactory<?>> factories();

    /** The backend's auth, owned or referenced, if it has one. */
    Optional<BackendAuth> auth();
}
