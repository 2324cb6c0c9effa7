package dev.gen2.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchExclusionsTest {
    @TempDir
    Path project;

    @Test
    void nothingIsExcludedByDefault() {
        WatchExclusions none = WatchExclusions.none(project);
        assertThat(none.excludes(Path.of("src/main/java/amplify/BackendApp.java"))).isFalse();
        assertThat(none.excludes(project)).isFalse();
    }

    @Test
    void gitignorePatternsFollowGitsSimpleRules() throws Exception {
        Files.createDirectories(project.resolve("src/cdk.out"));
        Files.writeString(project.resolve(".gitignore"), String.join("\n", "# build output", "", "target/",
                "cdk.out/", "outputs/*", "!outputs/.gitkeep", "*.iml", "/cdk-outputs.json", "docs/**/*.html",
                "**/generated", "trailing.txt   ", "\\#hash"));
        WatchExclusions ignored = WatchExclusions.none(project).withGitignore(project.resolve(".gitignore"));

        assertThat(ignored.excludes(Path.of("target/classes/amplify/BackendApp.class"))).isTrue();
        assertThat(ignored.excludes(Path.of("src/cdk.out"))).as("a directory at any depth").isTrue();
        assertThat(ignored.excludes(Path.of("src/cdk.out/manifest.json"))).isTrue();
        assertThat(ignored.excludes(Path.of("cdk.out"))).as("trailing / matches only a directory").isFalse();
        assertThat(ignored.excludes(Path.of("outputs/amplify_outputs.json"))).isTrue();
        assertThat(ignored.excludes(Path.of("outputs/.gitkeep"))).as("negations are skipped, as Amplify skips them")
                .isTrue();
        assertThat(ignored.excludes(Path.of("module/app.iml"))).isTrue();
        assertThat(ignored.excludes(Path.of("cdk-outputs.json"))).isTrue();
        assertThat(ignored.excludes(Path.of("src/cdk-outputs.json"))).as("a leading / anchors").isFalse();
        assertThat(ignored.excludes(Path.of("docs/api/x/index.html"))).isTrue();
        assertThat(ignored.excludes(Path.of("src/docs/index.html"))).as("a middle / anchors").isFalse();
        assertThat(ignored.excludes(Path.of("generated/A.java"))).as("leading **/ matches at the top").isTrue();
        assertThat(ignored.excludes(Path.of("a/b/generated/A.java"))).isTrue();
        assertThat(ignored.excludes(Path.of("trailing.txt"))).isTrue();
        assertThat(ignored.excludes(Path.of("#hash"))).isTrue();
        assertThat(ignored.excludes(Path.of("src/main/java/amplify/BackendApp.java"))).isFalse();
        assertThat(ignored.excludes(Path.of("build output"))).as("comments are skipped").isFalse();
    }

    @Test
    void gitignoreRulesAreAnchoredAtTheirDirectory() {
        Path watched = project.resolve("amplify");
        WatchExclusions ignored = WatchExclusions.none(watched).withGitignoreLines(project, List.of("/amplify/tmp",
                "*.bak"));
        assertThat(ignored.excludes(Path.of("tmp/x.java"))).isTrue();
        assertThat(ignored.excludes(Path.of("auth/Auth.java.bak"))).isTrue();
        assertThat(ignored.excludes(project.getParent().resolve("elsewhere.bak"))).as("outside its directory")
                .isFalse();
    }

    @Test
    void aMissingGitignoreAddsNothing() {
        WatchExclusions none = WatchExclusions.none(project);
        assertThat(none.withGitignore(project.resolve(".gitignore"))).isSameAs(none);
    }

    @Test
    void excludeGlobsAreRelativeToTheWatchedDirectoryOrAbsolute() {
        WatchExclusions excluded = WatchExclusions.none(project).withGlobs(List.of("build", "**/*.md", "*.txt",
                project.resolve("scratch").toString() + "/*"));
        assertThat(excluded.excludes(Path.of("build/x/y.class"))).isTrue();
        assertThat(excluded.excludes(Path.of("a/b/README.md"))).isTrue();
        assertThat(excluded.excludes(Path.of("notes.txt"))).isTrue();
        assertThat(excluded.excludes(Path.of("a/notes.txt"))).as("* stays within a name").isFalse();
        assertThat(excluded.excludes(project.resolve("scratch/anything"))).isTrue();
        assertThat(excluded.excludes(Path.of("src/build.java"))).isFalse();
    }

    @Test
    void givenPathsAreExcludedWithEverythingUnderThem() {
        WatchExclusions excluded = WatchExclusions.none(project).withPaths(List.of(Path.of("amplify_outputs.json"),
                project.resolve(".amplify")));
        assertThat(excluded.excludes(project.resolve("amplify_outputs.json"))).isTrue();
        assertThat(excluded.excludes(Path.of(".amplify/artifacts/cdk.out/tree.json"))).isTrue();
        assertThat(excluded.excludes(Path.of("amplify_outputs.json.bak"))).isFalse();
    }
}
