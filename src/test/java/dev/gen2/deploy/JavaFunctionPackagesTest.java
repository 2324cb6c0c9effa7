package dev.gen2.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.BackendId;
import dev.gen2.backend.DeploymentType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's line per Java function: its name and what its package weighs, read from the assembly. */
class JavaFunctionPackagesTest {
    @TempDir
    Path out;

    @Test
    void theSamplesJavaFunctionIsDescribedAndItsNodeFunctionsAreNot() {
        Path assembly = new BackendSynthesizer("amplify.BackendApp", Map.of("amplify-backend-namespace", "gen2sample"))
                .synth(getClass().getClassLoader(), new BackendId("gen2sample", "dev", DeploymentType.SANDBOX),
                        Map.of(), out);

        List<String> lines = JavaFunctionPackages.describe(assembly);

        assertThat(lines).singleElement().asString()
                .matches("Java function 'report': \\d+\\.\\d MB \\(2 classes, \\d+ jars\\)");
    }
}
