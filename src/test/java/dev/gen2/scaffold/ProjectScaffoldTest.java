package dev.gen2.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code gen2 init} writes, and what it refuses (the whole project is built and synthesized by InitIT). */
class ProjectScaffoldTest {
    @TempDir
    Path work;

    @Test
    void authWithEmailSignInIsTheDefaultStart() throws Exception {
        Path project = work.resolve("shop");
        ProjectScaffold.create(new ProjectScaffold.Settings(project, "shop", "amplify",
                EnumSet.of(ProjectScaffold.Resource.AUTH), false));
        assertThat(Files.readString(project.resolve("cdk.json"))).contains("\"bash src/main/scripts/synth.sh amplify.BackendApp\"")
                .contains("\"amplify-backend-namespace\": \"shop\"");
        assertThat(Files.readString(project.resolve("src/main/java/amplify/BackendApp.java")))
                .contains("import amplify.auth.AuthConfig;").contains("Backend.define(app, AuthConfig.AUTH)")
                .contains("public static Backend define(App app)");
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("<artifactId>gen2-backend</artifactId>")
                .contains("<gen2-backend.version>" + ProjectScaffold.libraryVersion() + "</gen2-backend.version>");
        assertThat(Files.readString(project.resolve(".gitignore"))).contains("target/", "cdk.out/",
                "amplify_outputs.json", "cdk-outputs.json");
        for (String script : List.of("build-classes.sh", "run-java.sh", "synth.sh", "synth-client.js", "gen2.sh")) {
            assertThat(project.resolve("src/main/scripts").resolve(script)).exists();
        }
        assertThat(project.resolve("src/main/java/amplify/data")).doesNotExist();
        assertThat(Files.readString(project.resolve("src/test/java/amplify/BackendTest.java")))
                .contains("assertSignInWith(BACKEND, \"email\")");
    }

    @Test
    void aDirectoryThatIsNotEmptyIsRefusedUnlessForced() throws Exception {
        Path project = Files.createDirectories(work.resolve("taken"));
        Files.writeString(project.resolve("notes.txt"), "mine");
        ProjectScaffold.Settings settings = new ProjectScaffold.Settings(project, "taken", "amplify",
                Set.of(ProjectScaffold.Resource.AUTH), false);
        TestBackends.assertConfigError(() -> ProjectScaffold.create(settings), project.toString(),
                "The directory is not empty.");
        ProjectScaffold.create(new ProjectScaffold.Settings(project, "taken", "amplify",
                Set.of(ProjectScaffold.Resource.AUTH), true));
        assertThat(project.resolve("notes.txt")).hasContent("mine");
        assertThat(project.resolve("pom.xml")).exists();
    }

    @Test
    void aBadNamespaceOrPackageIsOneClearError() {
        TestBackends.assertConfigError(() -> ProjectScaffold.create(new ProjectScaffold.Settings(work.resolve("a"),
                "my app", "amplify", Set.of(ProjectScaffold.Resource.AUTH), false)), "--namespace",
                "'my app' is not a namespace.");
        TestBackends.assertConfigError(() -> ProjectScaffold.create(new ProjectScaffold.Settings(work.resolve("b"),
                "app", "Com.Example", Set.of(ProjectScaffold.Resource.AUTH), false)), "--package",
                "'Com.Example' is not a Java package.");
    }
}
