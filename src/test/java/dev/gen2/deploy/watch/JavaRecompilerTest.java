package dev.gen2.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

class JavaRecompilerTest {
    @TempDir
    Path project;

    private JavaRecompiler recompiler;

    @AfterEach
    void close() {
        if (recompiler != null) {
            recompiler.close();
        }
    }

    /** {@code demo.Backend} and the package-private {@code demo.Helper} it uses. */
    private Path writeBackend(String value) throws IOException {
        writeSource("demo/Helper.java", "package demo;\nfinal class Helper {\n    static final String NAME = \"h\";\n}\n");
        return writeSource("demo/Backend.java", """
                package demo;

                public final class Backend {
                    public static String value() {
                        return "%s";
                    }

                    public static Class<?> appClass() {
                        return software.amazon.awscdk.App.class;
                    }

                    public static String helper() {
                        return Helper.NAME;
                    }
                }
                """.formatted(value));
    }

    private Path writeSource(String relative, String text) throws IOException {
        Path file = project.resolve("src/main/java").resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static CompileResult.Compiled compiled(CompileResult result) {
        assertThat(result).as("compiled: %s", result).isInstanceOf(CompileResult.Compiled.class);
        return (CompileResult.Compiled) result;
    }

    private static Object call(ClassLoader loader, String method) throws Exception {
        return Class.forName("demo.Backend", true, loader).getMethod(method).invoke(null);
    }

    @Test
    void anEditedClassIsNewInTheNextRoundsLoaderWhileTheFirstKeepsItsOwn() throws Exception {
        writeBackend("v1");
        recompiler = new JavaRecompiler(project);

        CompileResult.Compiled first = compiled(recompiler.compile());
        assertThat(first.round()).isEqualTo(1);
        assertThat(first.sourceFiles()).isEqualTo(2);
        assertThat(first.classes()).isEqualTo(project.resolve("target/gen2-sandbox/classes-1"));
        assertThat(first.classes().resolve("demo/Backend.class")).isRegularFile();
        assertThat(call(first.classLoader(), "value")).isEqualTo("v1");
        assertThat(call(first.classLoader(), "helper")).isEqualTo("h");
        Class<?> firstBackend = first.classLoader().loadClass("demo.Backend");
        assertThat(firstBackend.getClassLoader()).isSameAs(first.classLoader());

        writeBackend("v2");
        CompileResult.Compiled second = compiled(recompiler.compile());
        assertThat(second.round()).isEqualTo(2);
        assertThat(second.classes()).isEqualTo(project.resolve("target/gen2-sandbox/classes-2"));
        assertThat(call(second.classLoader(), "value")).isEqualTo("v2");
        assertThat(firstBackend.getMethod("value").invoke(null)).isEqualTo("v1");
        assertThat(call(first.classLoader(), "value")).isEqualTo("v1");
        assertThat(second.took()).isPositive();
    }

    @Test
    void theParentFirstPackagesStayThoseOfTheParent() throws Exception {
        writeBackend("v1");
        writeSource("dev/gen2/backend/Shadow.java", "package dev.gen2.backend;\npublic final class Shadow {}\n");
        recompiler = new JavaRecompiler(project);

        CompileResult.Compiled result = compiled(recompiler.compile());
        assertThat(result.sourceFiles()).as("a source in a parent-first package is not compiled").isEqualTo(2);
        assertThat(call(result.classLoader(), "appClass")).as("aws-cdk-lib is loaded once").isSameAs(App.class);
        assertThat(result.classLoader().loadClass("java.lang.String")).isSameAs(String.class);
        assertThat(result.classLoader().loadClass(JavaRecompiler.class.getName())).isSameAs(JavaRecompiler.class);
        assertThat(result.classLoader().isParentFirst("software.constructs.Construct")).isTrue();
        assertThat(result.classLoader().isParentFirst("com.fasterxml.jackson.databind.ObjectMapper")).isTrue();
        assertThat(result.classLoader().isParentFirst("demo.Backend")).isFalse();
    }

    @Test
    void aSyntaxErrorGivesTheFileAndLineAndNoException() throws Exception {
        writeBackend("v1");
        recompiler = new JavaRecompiler(project);
        compiled(recompiler.compile());

        writeSource("demo/Backend.java", """
                package demo;

                public final class Backend {
                    public static String value() {
                        return "v2"
                    }
                }
                """);
        CompileResult result = recompiler.compile();

        assertThat(result).isInstanceOf(CompileResult.Failed.class);
        CompileResult.Failed failed = (CompileResult.Failed) result;
        assertThat(failed.round()).isEqualTo(2);
        assertThat(failed.errors()).startsWith("src/main/java/demo/Backend.java:5: ").contains("';' expected")
                .doesNotContain("Exception", "\tat ");
        assertThat(project.resolve("target/gen2-sandbox/classes-2")).doesNotExist();

        writeBackend("v3");
        CompileResult.Compiled fixed = compiled(recompiler.compile());
        assertThat(call(fixed.classLoader(), "value")).isEqualTo("v3");
        assertThat(fixed.classes()).isEqualTo(project.resolve("target/gen2-sandbox/classes-3"));
    }

    @Test
    void onlyTheLastTwoSuccessfulRoundsAreKept() throws Exception {
        Path stale = Files.createDirectories(project.resolve("target/gen2-sandbox/classes-7"));
        writeBackend("v1");
        recompiler = new JavaRecompiler(project);
        CompileResult.Compiled first = compiled(recompiler.compile());
        assertThat(stale).as("left by an earlier run").doesNotExist();
        CompileResult.Compiled second = compiled(recompiler.compile());
        CompileResult.Compiled third = compiled(recompiler.compile());

        assertThat(first.classes()).doesNotExist();
        assertThat(second.classes()).isDirectory();
        assertThat(third.classes()).isDirectory();
    }

    @Test
    void anUnknownSymbolNamesTheFileLineAndSymbol() throws Exception {
        writeSource("demo/Broken.java", "package demo;\n\nclass Broken {\n    Missing field;\n}\n");
        recompiler = new JavaRecompiler(project);

        CompileResult result = recompiler.compile();

        assertThat(result).isInstanceOfSatisfying(CompileResult.Failed.class, failed -> assertThat(failed.errors())
                .startsWith("src/main/java/demo/Broken.java:4: cannot find symbol").contains("Missing"));
    }
}
