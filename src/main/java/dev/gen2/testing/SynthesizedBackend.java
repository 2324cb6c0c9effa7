package dev.gen2.testing;

import dev.gen2.backend.Backend;
import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AssetStaging;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * A backend synthesized in a test, the same on every run: a fixed identity (namespace {@value #NAMESPACE}, name
 * {@value #NAME}, the deployment type given), no CDK version report, and construct paths and asset locations in the
 * metadata as {@code cdk synth} writes them. Every stack's template is at hand by its group: {@code root}, then each
 * nested stack by its construct path below the root ({@code auth}, {@code data}, {@code storage},
 * {@code function}, {@code data/amplifyData/ModelShard38}). CDK's built-in CloudFormation validation follows the
 * {@code CDK_VALIDATION} variable of the test JVM (set it to {@code false} in the build's test configuration for
 * speed); jsii and aws-cdk-lib stay loaded between synths, so a synth costs the backend's own constructs.
 */
public final class SynthesizedBackend {
    public static final String NAMESPACE = "testapp";
    public static final String NAME = "test";
    public static final String ROOT = "root";

    private final Backend backend;
    private final Path assembly;
    private final Map<String, Template> templates;

    private SynthesizedBackend(Backend backend, Path assembly, Map<String, Template> templates) {
        this.backend = backend;
        this.assembly = assembly;
        this.templates = templates;
    }

    /** The backend {@code define} builds (such as {@code BackendApp::define}), synthesized as a sandbox. */
    public static SynthesizedBackend sandbox(Function<App, Backend> define) {
        return of(DeploymentType.SANDBOX, define);
    }

    /** The backend {@code define} builds, synthesized as a backend of the given type. */
    public static SynthesizedBackend of(DeploymentType type, Function<App, Backend> define) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(BackendId.NAMESPACE_KEY, NAMESPACE);
        context.put(BackendId.NAME_KEY, NAME);
        context.put(BackendId.TYPE_KEY, type.value());
        context.put("aws:cdk:enable-path-metadata", true);
        context.put("aws:cdk:enable-asset-metadata", true);
        context.put("aws:cdk:version-reporting", false);
        // CDK remembers the assets it staged per JVM and would not see a changed file again
        AssetStaging.clearAssetHashCache();
        App app = App.Builder.create().context(context).build();
        Backend backend = define.apply(app);
        Path assembly = Path.of(app.synth().getDirectory());
        Map<String, Template> templates = new LinkedHashMap<>();
        Stack root = backend.rootStack();
        templates.put(ROOT, Template.fromStack(root));
        String rootPath = root.getNode().getPath() + "/";
        for (IConstruct node : root.getNode().findAll()) {
            if (node instanceof NestedStack nested) {
                templates.put(nested.getNode().getPath().substring(rootPath.length()), Template.fromStack(nested));
            }
        }
        return new SynthesizedBackend(backend, assembly, templates);
    }

    /** The backend, for its escape hatches. */
    public Backend backend() {
        return backend;
    }

    /** The cloud assembly directory, as {@code cdk synth} would write it. */
    public Path assembly() {
        return assembly;
    }

    /** The groups that have a template: {@code root} and each nested stack's path. */
    public Set<String> groups() {
        return templates.keySet();
    }

    /** The template of a group; fails, naming the groups there are, when there is no such group. */
    public Template template(String group) {
        Template template = templates.get(group);
        if (template == null) {
            throw new AssertionError("The backend has no stack '" + group + "'; its stacks: " + groups());
        }
        return template;
    }

    /** Every template, by group, root first. */
    public Map<String, Template> templates() {
        return templates;
    }
}
