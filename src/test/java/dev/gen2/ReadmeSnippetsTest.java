package dev.gen2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in the README is a whole source file, as a user copies it: its first line names the file
 * ({@code // src/main/java/amplify/auth/AuthConfig.java}), and all of them together compile against the library.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern FILE_COMMENT = Pattern.compile("^// (src/(?:main|test)/java/\\S+\\.java)\\n");

    @Test
    void everyJavaSnippetIsAFileThatCompilesAgainstTheLibrary(@TempDir Path work) throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> files = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            String snippet = block.group(1);
            Matcher file = FILE_COMMENT.matcher(snippet);
            assertThat(file.find()).as("a README Java snippet must start with the file it is:\n" + snippet).isTrue();
            Path source = work.resolve("src").resolve(file.group(1));
            assertThat(source).as("two snippets are the same file").doesNotExist();
            Files.createDirectories(source.getParent());
            Files.writeString(source, snippet, StandardCharsets.UTF_8);
            files.add(source.toString());
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("-d", work.resolve("classes").toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "-Xlint:none"));
        arguments.addAll(files);
        int status = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertThat(status).as("javac over the README's snippets:\n"
                + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    }
}
