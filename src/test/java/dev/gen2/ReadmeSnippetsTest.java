package dev.gen2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in the README and in the pages of {@code docs/} is a whole source file, as a user copies it: its
 * first line names the file ({@code // src/main/java/amplify/auth/AuthConfig.java}), and all of them together compile
 * against the library. The pages of {@code docs/} must hold some, so that this test cannot pass by checking nothing.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern FILE_COMMENT = Pattern.compile("^// (src/(?:main|test)/java/\\S+\\.java)\\n");

    @Test
    void everyJavaSnippetIsAFileThatCompilesAgainstTheLibrary(@TempDir Path work) throws IOException {
        List<String> files = new ArrayList<>();
        writeSnippets(Path.of("README.md"), work, files);
        int inDocs = 0;
        for (Path page : docsPages()) {
            inDocs += writeSnippets(page, work, files);
        }
        assertThat(inDocs).as("Java snippets in docs/*.md: without any, this test would check nothing").isPositive();
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("-d", work.resolve("classes").toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "-Xlint:none"));
        arguments.addAll(files);
        int status = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertThat(status).as("javac over the snippets of README.md and docs/:\n"
                + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** Writes each Java snippet of a page as the file its first line names, adds it to files, and counts them. */
    private static int writeSnippets(Path page, Path work, List<String> files) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        Matcher block = JAVA_BLOCK.matcher(text);
        int count = 0;
        while (block.find()) {
            String snippet = block.group(1);
            Matcher file = FILE_COMMENT.matcher(snippet);
            assertThat(file.find()).as("a Java snippet in " + page + " must start with the file it is:\n" + snippet)
                    .isTrue();
            Path source = work.resolve("src").resolve(file.group(1));
            assertThat(source).as("two snippets are the same file (the second in " + page + ")").doesNotExist();
            Files.createDirectories(source.getParent());
            Files.writeString(source, snippet, StandardCharsets.UTF_8);
            files.add(source.toString());
            count++;
        }
        return count;
    }

    /** The Markdown pages of {@code docs/}, sorted; there must be some. */
    private static List<Path> docsPages() throws IOException {
        Path docs = Path.of("docs");
        assertThat(docs).as("the docs/ folder").isDirectory();
        try (Stream<Path> listed = Files.list(docs)) {
            List<Path> pages = listed.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
            assertThat(pages).as("Markdown pages in docs/").isNotEmpty();
            return pages;
        }
    }
}
