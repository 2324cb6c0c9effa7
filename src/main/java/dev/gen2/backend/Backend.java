package dev.gen2.backend;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.RemovalPolicies;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * A backend: Amplify's {@code defineBackend} for Java. One root stack, named as Amplify names it from the CDK
 * context, holding one nested stack per resource group; every resource factory given is built once.
 *
 * <pre>{@code
 * Backend backend = Backend.define(app, AuthConfig.AUTH);
 * backend.get(AuthConfig.AUTH).resources().cfnUserPoolClient().setAccessTokenValidity(30);
 * }</pre>
 */
public final class Backend implements BackendContext {
    private static final String PLATFORM_OUTPUT_VERSION = "1";
    private static final Pattern NESTED_STACK_ID = Pattern.compile(
            "^(.+)NestedStack\\1NestedStackResource([0-9A-F]{8})$");

    private final BackendId backendId;
    private final Stack rootStack;
    private final BackendOutputStorage outputs;
    private final CustomOutputs customOutputs;
    private final List<ResourceFactory<?>> factories;
    private final Map<ResourceFactory<?>, Object> built = new IdentityHashMap<>();
    private final Set<ResourceFactory<?>> building = new LinkedHashSet<>();
    private final Map<String, Stack> nestedStacks = new LinkedHashMap<>();
    private final Set<String> customStackNames = new LinkedHashSet<>();
    private final Map<String, ResourceFactory<?>> namedResources = new LinkedHashMap<>();

    private Backend(App app, List<ResourceFactory<?>> factories) {
        this.backendId = BackendId.fromContext(app.getNode());
        this.factories = List.copyOf(factories);
        requireOneOfEachSingleton(this.factories);
        this.rootStack = new Stack(app, backendId.stackName(), StackProps.builder().build());
        this.outputs = new BackendOutputStorage(rootStack);
        this.customOutputs = new CustomOutputs(rootStack, outputs);
        Attribution.describe(rootStack, backendId.type(), "root");
        tagStack();
        rootStack.getNode().addValidation(new CognitoTrustPolicyValidation(rootStack));
        if (backendId.type() == DeploymentType.SANDBOX) {
            // Sandboxes leave nothing behind: as in Amplify, every resource of a sandbox is deleted with it.
            RemovalPolicies.of(rootStack).destroy();
        }
        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("deploymentType", backendId.type().value());
        platform.put("region", rootStack.getRegion());
        outputs.addEntry(BackendOutputStorage.PLATFORM_KEY, PLATFORM_OUTPUT_VERSION, platform);
        this.factories.forEach(this::get);
        CfnLintSuppressions.apply(rootStack);
        SecurityCheckSuppressions.acceptCommonFindings(rootStack);
    }

    /**
     * Defines a backend in the given app from resource factories, reading its identity from the CDK context keys
     * {@code amplify-backend-namespace}, {@code amplify-backend-name} and {@code amplify-backend-type}.
     */
    public static Backend define(App app, ResourceFactory<?>... factories) {
        Required.argument(app, "Backend.define", "The App", "pass the CDK app: Backend.define(new App(), ...).");
        return new Backend(app, Required.each("Backend.define", "A resource factory",
                "pass the factories your resource files define, such as AuthConfig.AUTH; a null one is often a static"
                        + " field read before it was set, or one left unset.", factories));
    }

    /**
     * What a backend's {@code main} calls: defines the backend in a new {@link App} with {@code definition} (such as
     * {@code app -> Backend.define(app, AuthConfig.AUTH)}), and synthesizes it. A bad definition, even one in a
     * resource file's static field, prints one line, {@code Backend definition error: <where>: <what> Fix: <how>},
     * and exits with status 1, rather than a stack trace.
     */
    public static void synthOrExit(Consumer<App> definition) {
        int status = synth(definition, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #synthOrExit}'s work: the exit status, 0 or 1, a bad definition's one line printed to {@code err}. */
    static int synth(Consumer<App> definition, PrintStream err) {
        try {
            App app = new App();
            definition.accept(app);
            app.synth();
            return 0;
        } catch (RuntimeException | ExceptionInInitializerError e) {
            Optional<BackendConfigException> config = BackendConfigException.causeOf(e);
            if (config.isEmpty()) {
                throw e;
            }
            err.println(config.get().report());
            return 1;
        }
    }

    @Override
    public BackendId backendId() {
        return backendId;
    }

    /** The root stack, the one {@code cdk deploy} names. Amplify's {@code backend.stack}. */
    @Override
    public Stack rootStack() {
        return rootStack;
    }

    @Override
    public BackendOutputStorage outputs() {
        return outputs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R get(ResourceFactory<R> factory) {
        Object resource = built.get(factory);
        if (resource != null) {
            return (R) resource;
        }
        requireUniqueName(factory);
        if (!building.add(factory)) {
            throw new BackendConfigException("Backend.define", "Resources reference each other in a circle: "
                    + building.stream().map(ResourceFactory::describe).collect(Collectors.joining(" -> "))
                    + " -> " + factory.describe() + ".",
                    "break the circle, for example by moving a trigger function into the auth resource group.");
        }
        try {
            R created = factory.build(this);
            built.put(factory, created);
            return created;
        } finally {
            building.remove(factory);
        }
    }

    @Override
    public List<ResourceFactory<?>> factories() {
        return factories;
    }

    @Override
    public Optional<BackendAuth> auth() {
        return factories.stream()
                .filter(factory -> factory.singletonKind().filter("auth"::equals).isPresent())
                .findFirst()
                .map(factory -> (BackendAuth) get(factory));
    }

    @Override
    public Stack stackFor(String resourceGroupName, String stackType) {
        Stack stack = nestedStacks.computeIfAbsent(resourceGroupName, this::nestedStack);
        Attribution.describe(stack, backendId.type(), stackType);
        return stack;
    }

    /**
     * A nested stack of the root, its logical id shortened as Amplify's are: {@code auth179371D7} rather than
     * {@code authNestedStackauthNestedStackResource179371D7}, so templates and {@code cdk diff} read the same.
     */
    private NestedStack nestedStack(String name) {
        NestedStack stack = new NestedStack(rootStack, name);
        CfnResource resource = stack.getNestedStackResource();
        Matcher id = NESTED_STACK_ID.matcher(rootStack.getLogicalId(resource));
        if (id.matches()) {
            resource.overrideLogicalId(id.group(1) + id.group(2));
        }
        return stack;
    }

    /**
     * A nested stack of the user's own CDK resources, Amplify's {@code backend.createStack(name)}. Each name may be
     * used once, and not for a resource group the backend already has.
     */
    public Stack createStack(String name) {
        if (name == null || name.isBlank()) {
            throw new BackendConfigException("backend.createStack", "A custom stack needs a name.",
                    "call createStack(\"my-stack\").");
        }
        if (customStackNames.contains(name) || nestedStacks.containsKey(name)) {
            throw new BackendConfigException("backend.createStack(\"" + name + "\")",
                    "Custom stack named " + name + " has already been created.",
                    "give each custom stack a name of its own, different from auth, data, storage and function.");
        }
        customStackNames.add(name);
        return stackFor(name, "custom");
    }

    /**
     * Adds to {@code amplify_outputs.json}, Amplify's {@code backend.addOutput(...)}: a partial outputs object such
     * as {@code Map.of("custom", Map.of("apiUrl", api.getUrl()))}, merged with earlier calls.
     */
    public void addOutput(Map<String, ?> part) {
        customOutputs.add(part);
    }

    private void tagStack() {
        Tags tags = Tags.of(rootStack);
        tags.add("created-by", "amplify");
        switch (backendId.type()) {
            case BRANCH -> {
                tags.add("amplify:app-id", backendId.namespace());
                tags.add("amplify:branch-name", backendId.name());
            }
            case STANDALONE -> tags.add("amplify:branch-name", backendId.name());
            case SANDBOX -> { }
        }
        tags.add("amplify:deployment-type", backendId.type().value());
    }

    /**
     * Fails when another factory already holds this factory's name ({@code function 'report'}): both would be built
     * under one construct id, and CDK would fail with a trace instead.
     */
    private void requireUniqueName(ResourceFactory<?> factory) {
        if (factory.name().isEmpty()) {
            return;
        }
        ResourceFactory<?> other = namedResources.putIfAbsent(factory.describe(), factory);
        if (other != null && other != factory) {
            throw new BackendConfigException("Backend.define", "Two different resources are both "
                    + factory.describe() + ": the name '" + factory.name().get() + "' is given to two definitions.",
                    "give each a name of its own, or define it once and pass that one factory wherever it is used.");
        }
    }

    private static void requireOneOfEachSingleton(List<ResourceFactory<?>> factories) {
        Map<String, List<ResourceFactory<?>>> byKind = new LinkedHashMap<>();
        for (ResourceFactory<?> factory : factories) {
            factory.singletonKind().ifPresent(kind -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(factory));
        }
        byKind.forEach((kind, ofKind) -> {
            if (ofKind.size() > 1) {
                throw new BackendConfigException("Backend.define",
                        "Multiple " + kind + " resources are not allowed within a backend: found " + ofKind.size() + ".",
                        "pass Backend.define one " + kind + " resource" + ("auth".equals(kind)
                                ? " (an AuthResource or a ReferenceAuth)." : "."));
            }
        });
        Set<ResourceFactory<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ResourceFactory<?> factory : factories) {
            if (!seen.add(factory)) {
                throw new BackendConfigException("Backend.define", "The " + factory.describe()
                        + " resource is given twice.", "pass each resource to Backend.define once.");
            }
        }
    }
}
