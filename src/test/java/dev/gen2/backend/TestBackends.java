package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes backends for tests with a fixed identity, keeps a copy of every template it reads under
 * {@code target/lint-templates} so that the build runs cfn-lint over all of them, and runs cdk-nag's AwsSolutions
 * checks over every app it makes: a template read from such an app fails the test on any error-level finding that
 * the backend does not accept with a reason ({@link SecurityCheckSuppressions}).
 */
public final class TestBackends {
    public static final Path LINT_DIRECTORY = Path.of("target", "lint-templates");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestBackends() {
    }

    /** An app whose CDK context names the backend {@code testapp}/{@code dev} of the given type. */
    public static App app(DeploymentType type) {
        return app("testapp", "dev", type);
    }

    public static App app(String namespace, String name, DeploymentType type) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(BackendId.NAMESPACE_KEY, namespace);
        context.put(BackendId.NAME_KEY, name);
        context.put(BackendId.TYPE_KEY, type.value());
        App app = App.Builder.create().context(context).build();
        Aspects.of(app).add(new AwsSolutionsChecks());
        return app;
    }

    /** A sandbox backend of the given resources. */
    public static Backend sandbox(ResourceFactory<?>... factories) {
        return Backend.define(app(DeploymentType.SANDBOX), factories);
    }

    /**
     * Asserts that defining something fails with the backend's one error type, its message reading
     * {@code <where>: <problem> Fix: <how>} and holding the expected problem.
     */
    public static void assertConfigError(ThrowingCallable definition, String where, String problem) {
        assertThatThrownBy(definition)
                .isInstanceOf(BackendConfigException.class)
                .hasMessageStartingWith(where + ": ")
                .hasMessageContaining(problem)
                .hasMessageContaining(" Fix: ");
    }

    /** The template of a stack, also written out for cfn-lint; the assets of its assembly are checked readable. */
    public static Template template(Stack stack) {
        Template template = Template.fromStack(stack);
        AssetModes.assertReadableByAll(Path.of(((App) stack.getNode().getRoot()).getOutdir()));
        writeForLint(stack.getNode().getPath(), template);
        assertNoUnacceptedSecurityFindings(stack);
        return template;
    }

    /** cdk-nag's error-level findings in the stack's app that no suppression accepts; none are allowed. */
    private static void assertNoUnacceptedSecurityFindings(Stack stack) {
        Stack root = stack;
        while (root.getNestedStackParent() != null) {
            root = root.getNestedStackParent();
        }
        List<String> findings = Annotations.fromStack(root).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                .stream().map(message -> message.getId() + ": " + String.valueOf(message.getEntry().getData())
                        .lines().findFirst().orElse(""))
                .toList();
        assertThat(findings).as("cdk-nag AwsSolutions errors without a reason the backend accepts").isEmpty();
    }

    /** The template of a backend's nested stack for a resource group. */
    public static Template nestedTemplate(Backend backend, String resourceGroup) {
        return template((Stack) backend.rootStack().getNode().findChild(resourceGroup));
    }

    private static void writeForLint(String stackPath, Template template) {
        if (!template.toJSON().containsKey("Resources")) {
            // Only the backend core's own tests synthesize a root stack with nothing in it; there is nothing to lint.
            return;
        }
        try {
            Files.createDirectories(LINT_DIRECTORY);
            String fileName = String.format("%05d-%s.json", COUNTER.incrementAndGet(),
                    stackPath.replaceAll("[^A-Za-z0-9-]", "_"));
            JSON.writeValue(LINT_DIRECTORY.resolve(fileName).toFile(), template.toJSON());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
