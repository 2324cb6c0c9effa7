package dev.gen2.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gen2.backend.TestBackends;
import dev.gen2.cli.Gen2Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code gen2 init} writes (with {@code --ci}, the CI workflow), and what it refuses (the whole project is built
 * and synthesized by InitIT).
 */
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
        assertThat(Files.readString(project.resolve(".gitignore"))).contains("target/", ".amplify/", "cdk.out/",
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
    void theCiWorkflowIsTheLibrarysTemplateWrittenWhereTheServiceReadsIt() throws Exception {
        Map<ProjectScaffold.CiService, String[]> expected = Map.of(
                ProjectScaffold.CiService.GITHUB, new String[] {"github-actions.yml", ".github/workflows/amplify-backend.yml"},
                ProjectScaffold.CiService.GITLAB, new String[] {"gitlab-ci.yml", ".gitlab-ci.yml"});
        for (Map.Entry<ProjectScaffold.CiService, String[]> service : expected.entrySet()) {
            Path project = work.resolve(service.getKey().name().toLowerCase());
            List<Path> written = ProjectScaffold.create(new ProjectScaffold.Settings(project, "shop", "amplify",
                    EnumSet.of(ProjectScaffold.Resource.AUTH), false, Optional.of(service.getKey())));
            String target = service.getValue()[1];
            assertThat(written).contains(Path.of(target));
            assertThat(project.resolve(target)).as("the template, unchanged")
                    .hasSameBinaryContentAs(Path.of("src/main/ci", service.getValue()[0]));
            assertThat(Files.readString(project.resolve("README.md"))).contains("`" + target + "` deploys one"
                    + " backend environment per git branch");
        }
        Path plain = work.resolve("plain");
        ProjectScaffold.create(new ProjectScaffold.Settings(plain, "shop", "amplify",
                EnumSet.of(ProjectScaffold.Resource.AUTH), false));
        assertThat(plain.resolve(".github")).doesNotExist();
        assertThat(plain.resolve(".gitlab-ci.yml")).doesNotExist();
        assertThat(Files.readString(plain.resolve("README.md"))).doesNotContain("{{").doesNotContain("per git branch");
    }

    @Test
    void initTakesTheCiServiceByNameAndRefusesAnotherWithOneClearError() throws Exception {
        assertThat(ProjectScaffold.CiService.named("GitHub")).isEqualTo(ProjectScaffold.CiService.GITHUB);
        assertThat(ProjectScaffold.CiService.named("gitlab")).isEqualTo(ProjectScaffold.CiService.GITLAB);
        TestBackends.assertConfigError(() -> ProjectScaffold.CiService.named("bitbucket"), "--ci",
                "'bitbucket' is not a CI service init has a workflow for.");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path refused = work.resolve("refused");
        int status = Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "init", refused.toString(),
                "--ci", "circleci");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --ci: 'circleci' is not a CI service init has a workflow for."
                + " Fix: give github (GitHub Actions) or gitlab (GitLab CI), or leave --ci out." + System.lineSeparator());
        assertThat(refused).as("nothing is written for a bad option").doesNotExist();

        Path project = work.resolve("cli");
        assertThat(Gen2Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "init", project.toString(),
                "--ci", "gitlab")).isZero();
        assertThat(project.resolve(".gitlab-ci.yml")).hasSameBinaryContentAs(Path.of("src/main/ci/gitlab-ci.yml"));
        assertThat(out.toString()).contains("  .gitlab-ci.yml").contains("[gen2] CI: .gitlab-ci.yml needs the"
                + " variables AMPLIFY_APP_ID, AWS_ROLE_ARN and AWS_REGION");
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
