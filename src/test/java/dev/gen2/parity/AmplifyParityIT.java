package dev.gen2.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with Amplify Gen 2: each case is synthesized by Amplify's TypeScript library and by ours, without a deploy,
 * and compared four ways: the SDL type by type and field by field, the model introspection document,
 * {@code amplify_outputs.json}'s data section, and the API's logging (its LogConfig, the role and the retention). Every difference must be fixed or listed in the case as a
 * {@link KnownDifference} with its reason (or in {@link EveryCase}); a listed difference that no longer occurs fails too, so the list stays true.
 */
class AmplifyParityIT {
    static final List<ParityCase> CASES = List.of(new TodoCase(), new LoggingCase(), new CustomOperationsCase(),
            new KeysCase());

    @TestFactory
    Stream<DynamicNode> eachCaseMatchesAmplify() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(project.resolve("target/parity"));
        long start = System.nanoTime();
        AmplifySide amplify = AmplifySide.install(project, work);
        System.out.printf("[parity] Amplify's library ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
        List<DynamicNode> cases = new ArrayList<>();
        for (ParityCase parityCase : CASES) {
            long caseStart = System.nanoTime();
            AmplifySide.Result theirs = amplify.synthesize(parityCase.name());
            long amplifyDone = System.nanoTime();
            OurSide.Result ours = OurSide.synthesize(parityCase, work);
            List<JsonNode> sdl = SdlDescriptions.of(project, work, ours.sdl(), theirs.sdl());
            System.out.printf("[parity] %s: Amplify's synth %.1f s, ours and the comparison %.1f s%n",
                    parityCase.name(), (amplifyDone - caseStart) / 1e9, (System.nanoTime() - amplifyDone) / 1e9);
            cases.add(DynamicContainer.dynamicContainer(parityCase.name(), Stream.of(
                    comparison(parityCase, "sdl", sdl.get(0), sdl.get(1)),
                    comparison(parityCase, "introspection", ours.modelIntrospection(), theirs.modelIntrospection()),
                    comparison(parityCase, "outputs", ours.outputsData(), theirs.outputsData()),
                    comparison(parityCase, "logging", ours.logging(), theirs.logging()))));
        }
        return cases.stream();
    }

    private static DynamicTest comparison(ParityCase parityCase, String name, JsonNode ours, JsonNode amplify) {
        return DynamicTest.dynamicTest(name, () -> {
            List<JsonPaths.Difference> differences = JsonPaths.differences(ours, amplify);
            List<KnownDifference> known = Stream.concat(EveryCase.DIFFERENCES.stream(),
                    parityCase.differences().stream()).toList();
            List<String> unexplained = differences.stream()
                    .filter(difference -> known.stream().noneMatch(listed -> listed.covers(name, difference.path())))
                    .map(JsonPaths.Difference::toString).toList();
            List<String> stale = known.stream().filter(listed -> listed.comparison().equals(name))
                    .filter(listed -> differences.stream().noneMatch(difference -> listed.covers(name,
                            difference.path())))
                    .map(listed -> listed.paths() + " (" + listed.reason() + ")").toList();
            assertThat(unexplained).as("%s, %s: differences from Amplify that are neither fixed nor listed",
                    parityCase.name(), name).isEmpty();
            assertThat(stale).as("%s, %s: listed differences that no longer occur", parityCase.name(), name)
                    .isEmpty();
        });
    }
}
