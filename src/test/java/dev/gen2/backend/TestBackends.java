package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes backends for tests with a fixed identity, keeps a copy of every template it reads under
 * {@code target/lint-templates} so that the build runs cfn-lint over all of them, and runs cdk-nag 3's AwsSolutions
 * checks over every app it makes, as a validation plugin: a template read from such an app fails the test on any
 * error-level finding that the backend does not accept with a reason ({@link SecurityCheckSuppressions}). The
 * plugin's report is read from the cloud assembly ({@value #NAG_REPORT}) rather than thrown by the synth, so that
 * the synth neither fails nor prints the report on its own, and the test says what was found.
 */
public final class TestBackends {
    public static final Path LINT_DIRECTORY = Path.of("target", "lint-templates");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** CDK's report of the validation plugins' findings, in the cloud assembly. */
    static final String NAG_REPORT = "validation-report.json";

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
        // the findings are read from the report (assertNoUnacceptedSecurityFindings), not thrown by the synth
        context.put("@aws-cdk/core:failSynthOnValidationErrors", false);
        App app = App.Builder.create().context(context).build();
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
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

    /** cdk-nag's error-level findings in the stack's app that no acknowledgment accepts; none are allowed. */
    private static void assertNoUnacceptedSecurityFindings(Stack stack) {
        assertThat(unacceptedSecurityFindings((App) stack.getNode().getRoot()))
                .as("cdk-nag AwsSolutions errors without a reason the backend accepts").isEmpty();
    }

    /**
     * The error-level AwsSolutions findings of the app's last synth, each as {@code <construct path>: <rule>}, from
     * the report CDK writes for its validation plugins.
     */
    public static List<String> unacceptedSecurityFindings(App app) {
        Path report = Path.of(app.getOutdir()).resolve(NAG_REPORT);
        assertThat(report).as("cdk-nag's report (the app was synthesized with its plugin)").exists();
        List<String> findings = new ArrayList<>();
        try {
            for (JsonNode plugin : JSON.readTree(report.toFile()).path("pluginReports")) {
                for (JsonNode violation : plugin.path("violations")) {
                    String rule = violation.path("ruleName").asText();
                    if (!rule.startsWith("AwsSolutions-") || !"error".equals(violation.path("severity").asText())) {
                        continue;
                    }
                    for (JsonNode construct : violation.path("violatingConstructs")) {
                        findings.add(construct.path("constructPath").asText() + ": " + rule);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
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
