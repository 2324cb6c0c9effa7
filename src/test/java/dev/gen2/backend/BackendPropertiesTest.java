package dev.gen2.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gen2.backend.RandomBackends.Broken;
import dev.gen2.backend.RandomBackends.Spec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * Property-based tests (jqwik) over random backend definitions of every resource kind: every valid one synthesizes
 * (each template written for cfn-lint, which {@code mvn verify} runs), and every definition with exactly one part
 * changed into a bad value fails with {@link BackendConfigException} naming that part, never another exception or a
 * CDK/jsii trace. jqwik picks a new seed on each run and prints the seed and the sample of any failure. Shrinking is
 * off: jqwik shrinks on a thread of its own, where the CDK's jsii objects fail (a stack's template options read as
 * null), so a shrunk sample would report that rather than the real failure; the sample's description says enough.
 */
class BackendPropertiesTest {
    /** Valid backends synthesized per run: each writes up to five templates for cfn-lint (~0.1 s each). */
    static final int VALID_TRIES = 150;
    static final int INVALID_TRIES = 900;
    /** A fix that ends with the value to use: {@code ...: "public/photos/*".} */
    private static final Pattern VALUE_TO_USE = Pattern.compile(": \"([^\"]+)\"\\.$");
    private static final List<String> RESOURCE_GROUPS = List.of("auth", "data", "storage", "function");
    private static final AtomicInteger VALID = new AtomicInteger();
    private static final AtomicInteger INVALID = new AtomicInteger();
    private static final AtomicInteger TEMPLATES = new AtomicInteger();
    /** Invalid backends whose error offered a value, and which synthesized with it in place. */
    private static final AtomicInteger REPLACED = new AtomicInteger();
    /** How often each kind of bad input and each part of a valid backend came up, printed for the record. */
    private static final Map<String, Integer> BROKEN = new ConcurrentHashMap<>();
    private static final Map<String, Integer> COVERED = new ConcurrentHashMap<>();
    private static final long START = System.nanoTime();

    @Provide
    Arbitrary<Spec> validBackends() {
        return RandomBackends.valid();
    }

    @Provide
    Arbitrary<Broken> invalidBackends() {
        return RandomBackends.invalid();
    }

    @Property(tries = VALID_TRIES, shrinking = ShrinkingMode.OFF)
    void everyValidDefinitionSynthesizes(@ForAll("validBackends") Spec spec) {
        Backend backend = spec.build();
        TestBackends.template(backend.rootStack());
        int templates = 1;
        for (String group : RESOURCE_GROUPS) {
            if (backend.rootStack().getNode().tryFindChild(group) instanceof Stack) {
                TestBackends.nestedTemplate(backend, group);
                templates++;
            }
        }
        assertThat(templates).as("nested stacks of %s", spec).isEqualTo(1 + (spec.auth == null ? 0 : 1)
                + (spec.data == null ? 0 : 1) + (spec.storage.isEmpty() ? 0 : 1) + (spec.functions.isEmpty() ? 0 : 1));
        TEMPLATES.addAndGet(templates);
        VALID.incrementAndGet();
        cover(spec.auth != null, "auth");
        cover(spec.auth != null && spec.auth.external, "external providers");
        cover(spec.auth != null && spec.auth.triggerEvent != null, "trigger");
        cover(spec.auth != null && spec.auth.multifactor != null, "mfa");
        cover(spec.data != null, "data");
        cover(spec.data != null && spec.data.models.stream().anyMatch(m -> !m.relationships.isEmpty()),
                "relationships");
        cover(spec.data != null && spec.data.operationName != null, "custom operation");
        cover(!spec.storage.isEmpty(), "storage");
        cover(!spec.functions.isEmpty(), "functions");
        cover(spec.functions.stream().anyMatch(fn -> !fn.schedules.isEmpty()), "schedules");
        cover(spec.type == DeploymentType.BRANCH, "branch");
    }

    @Property(tries = INVALID_TRIES, shrinking = ShrinkingMode.OFF)
    void everyInvalidDefinitionIsRefusedNamingTheField(@ForAll("invalidBackends") Broken broken) {
        Throwable thrown = catchThrowable(() -> ((App) broken.spec().build().rootStack().getNode().getRoot()).synth());
        assertThat(thrown).as("%s was accepted", broken).isNotNull();
        assertThat(thrown).as("%s failed with another exception", broken)
                .isInstanceOf(BackendConfigException.class);
        BackendConfigException error = (BackendConfigException) thrown;
        assertThat(error.getMessage()).as("%s", broken)
                .contains(" Fix: ")
                .doesNotContain("at software.amazon", "jsii", "Exception");
        assertThat(error.where() + " " + error.getMessage()).as("%s: the error does not name the field", broken)
                .contains(broken.where());
        Matcher quoted = VALUE_TO_USE.matcher(error.fix());
        if (quoted.find()) {
            assertThat(error.replacement()).as("%s: the fix ends with a value to use, \"%s\", but does not offer it"
                    + " as its replacement(), so nothing checks that it is accepted", broken, quoted.group(1))
                    .hasValue(quoted.group(1));
        }
        error.replacement().ifPresent(value -> assertTheOfferedValueIsAccepted(broken, error, value));
        INVALID.incrementAndGet();
        BROKEN.merge(broken.field(), 1, Integer::sum);
    }

    /** A fix that offers a value: the value is in its text, and the backend with it in place synthesizes. */
    private static void assertTheOfferedValueIsAccepted(Broken broken, BackendConfigException error, String value) {
        assertThat(error.fix()).as("%s: the fix's text names the value it offers", broken)
                .containsAnyOf(value, value.replace("\\", "\\\\").replace("\"", "\\\"")); // as text or in Java
        Spec fixed = broken.replaced(value).orElseThrow(() -> new AssertionError(broken + ": the fix offers \""
                + value + "\", which this test cannot put in place: give the breaker a replace function"));
        Throwable again = catchThrowable(() -> ((App) fixed.build().rootStack().getNode().getRoot()).synth());
        assertThat(again).as("%s: the value the fix offers, \"%s\", is refused itself", broken, value).isNull();
        REPLACED.incrementAndGet();
    }

    private static void cover(boolean present, String part) {
        if (present) {
            COVERED.merge(part, 1, Integer::sum);
        }
    }

    @AfterContainer
    static void printCounts() {
        System.out.printf("property tests: %d cases (%d valid synthesized, %d invalid refused), %d of %d kinds of bad"
                + " input tried, %d offered values applied and accepted, %d templates written for cfn-lint, %.1f s%n",
                VALID.get() + INVALID.get(), VALID.get(), INVALID.get(), BROKEN.size(), RandomBackends.BREAKERS.size(),
                REPLACED.get(), TEMPLATES.get(),
                (System.nanoTime() - START) / 1e9);
        System.out.println("property tests: valid backends with " + new TreeMap<>(COVERED));
    }
}
