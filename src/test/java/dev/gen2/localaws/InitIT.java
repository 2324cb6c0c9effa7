package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.CdkCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code gen2 init} end to end, as a new user runs it: the library installed into the local Maven repository (as
 * {@code mvn install} does), a project created with every resource kind, built and tested with Maven against that
 * library (its own test, written with the test kit, creates its snapshots), and synthesized by the real CDK CLI
 * through its {@code cdk.json}.
 */
class InitIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(6);

    @Test
    void aNewProjectBuildsTestsAndSynthesizesAgainstTheInstalledLibrary() throws Exception {
        Path jar = Path.of("target", "gen2-backend-0.1.0-SNAPSHOT.jar").toAbsolutePath();
        assertThat(jar).as("the library's jar, made by the package phase").exists();
        CdkCli.Result installed = CdkCli.Processes.run(Path.of("."), List.of("mvn", "-B", "-q",
                "install:install-file", "-Dfile=" + jar, "-DpomFile=pom.xml"), Map.of(), TIMEOUT);
        assertThat(installed.exitCode()).as(installed.output()).isZero();

        Path work = Files.createDirectories(Path.of("target", "it", "init-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        Path project = work.resolve("myapp");
        CdkCli.Result init = CdkCli.Processes.run(work, CdkCli.gen2Command(List.of("init", project.toString(),
                "--package", "com.example.myapp", "--resources", "auth,data,storage,function")), Map.of(), TIMEOUT);
        assertThat(init.exitCode()).as(init.output()).isZero();
        assertThat(init.output()).contains("[gen2] created the backend myapp in " + project);

        long start = System.nanoTime();
        CdkCli.Result test = CdkCli.Processes.run(project, List.of("mvn", "-B", "-q", "test"), Map.of(), TIMEOUT);
        System.out.printf("init: the new project's mvn test: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(project.resolve("target/surefire-reports/TEST-com.example.myapp.BackendTest.xml")).content()
                .contains("tests=\"2\"").contains("failures=\"0\"").contains("errors=\"0\"");
        assertThat(project.resolve("src/test/resources/snapshots/backend-auth.json")).exists();
        assertThat(Files.readString(project.resolve("target/classpath.txt")))
                .contains("dev/gen2/gen2-backend/0.1.0-SNAPSHOT/gen2-backend-0.1.0-SNAPSHOT.jar");

        // through the project's own synth server (its sockets in a directory of this test's), stopped afterwards
        Map<String, String> server = Map.of("CDK_VALIDATION", "false", "GEN2_SYNTH_SERVER", "on", "TMPDIR",
                Files.createDirectories(work.resolve("sockets")).toString());
        start = System.nanoTime();
        CdkCli.Result synth = CdkCli.runIn(project, server, TIMEOUT, "synth", "--quiet");
        System.out.printf("init: the new project's cdk synth: %.1f s%n", (System.nanoTime() - start) / 1e9);
        CdkCli.Result stop = CdkCli.Processes.run(project, List.of("bash", "src/main/scripts/synth.sh", "--stop"),
                server, TIMEOUT);
        assertThat(synth.exitCode()).as(synth.output()).isZero();
        assertThat(synth.output()).contains("[gen2] starting the synth server for this project");
        assertThat(stop.output()).contains("[gen2] synth servers stopped: 1");
        try (Stream<Path> files = Files.list(project.resolve("cdk.out"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.matches("amplify-myapp-dev-sandbox-[0-9a-f]{10}\\.template\\.json"))
                    .anyMatch(name -> name.contains("storage") && name.endsWith(".nested.template.json"));
        }
    }
}
