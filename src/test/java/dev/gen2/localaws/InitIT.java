package dev.gen2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.backend.CdkCli;
import dev.gen2.backend.function.packaging.LambdaJavaRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * {@code gen2 init} end to end, as a new user runs it: the library installed into the local Maven repository (as
 * {@code mvn install} does), a project created with every resource kind, built and tested with Maven against that
 * library (its own test, written with the test kit, creates its snapshots on a developer's run, and finds them all
 * under CI), and synthesized by the real CDK CLI through its {@code cdk.json}. The user adds a Java function whose
 * handler, in a package of their own, uses Jackson: with nothing copied into the project's build, its package holds
 * the handler's classes and the jars they use, and Lambda's Java runtime runs it from that package alone.
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
        addJavaFunction(project);

        // the developer's first run (CI unset, whatever this build's environment says) creates the snapshots...
        long start = System.nanoTime();
        CdkCli.Result test = CdkCli.Processes.run(project, List.of("mvn", "-B", "-q", "test"), Map.of(), TIMEOUT,
                name -> name.equals("CI"));
        System.out.printf("init: the new project's mvn test: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(project.resolve("target/surefire-reports/TEST-com.example.myapp.BackendTest.xml")).content()
                .contains("tests=\"2\"").contains("failures=\"0\"").contains("errors=\"0\"");
        assertThat(project.resolve("src/test/resources/snapshots/backend-auth.json")).exists();
        assertThat(project.resolve("src/test/resources/snapshots/backend.snapshots.txt")).content()
                .contains("backend-auth.json");
        // ...which CI, where a missing snapshot fails, then finds complete
        CdkCli.Result ci = CdkCli.Processes.run(project, List.of("mvn", "-B", "-q", "test"),
                Map.of("CI", "true"), TIMEOUT);
        assertThat(ci.exitCode()).as(ci.output()).isZero();
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

        Path notesPackage = javaFunctionAsset(project.resolve("cdk.out"), "com.example.notes.handlers.NoteHandler");
        List<String> entries = entryNames(notesPackage);
        assertThat(entries.stream().filter(name -> name.endsWith(".class")))
                .containsExactly("com/example/notes/handlers/Note.class", "com/example/notes/handlers/NoteHandler.class");
        assertThat(entries.stream().filter(name -> name.startsWith("lib/")))
                .anyMatch(name -> name.startsWith("lib/jackson-databind-"))
                .anyMatch(name -> name.startsWith("lib/jackson-core-"))
                .anyMatch(name -> name.startsWith("lib/aws-lambda-java-core-"))
                .noneMatch(name -> name.startsWith("lib/aws-cdk-lib-") || name.startsWith("lib/jsii-runtime-")
                        || name.startsWith("lib/constructs-") || name.startsWith("lib/picocli-")
                        || name.startsWith("lib/gen2-backend-"));
        LambdaJavaRuntime.Invocation invocation = LambdaJavaRuntime.invoke(notesPackage,
                "com.example.notes.handlers.NoteHandler::handleRequest", "{\"title\":\"Buy milk\",\"done\":false}",
                Map.of());
        assertThat(invocation.failed()).as(invocation.response() + "\n" + invocation.log()).isFalse();
        assertThat(invocation.response()).isEqualTo("{\"title\":\"BUY MILK\",\"done\":true}");
    }

    /** What a user writes: a handler in a package of their own that uses Jackson, and its function definition. */
    private static void addJavaFunction(Path project) throws IOException {
        Path handlers = Files.createDirectories(project.resolve("src/main/java/com/example/notes/handlers"));
        Files.writeString(handlers.resolve("Note.java"), """
                package com.example.notes.handlers;

                /** A note as the function reads and answers it. */
                public record Note(String title, boolean done) {
                }
                """, StandardCharsets.UTF_8);
        Files.writeString(handlers.resolve("NoteHandler.java"), """
                package com.example.notes.handlers;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.io.IOException;
                import java.io.InputStream;
                import java.io.OutputStream;

                /** Marks a note done, its title in capitals. */
                public class NoteHandler implements RequestStreamHandler {
                    private static final ObjectMapper JSON = new ObjectMapper();

                    @Override
                    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
                        Note note = JSON.readValue(input, Note.class);
                        JSON.writeValue(output, new Note(note.title().toUpperCase(), true));
                    }
                }
                """, StandardCharsets.UTF_8);
        Path functions = project.resolve("src/main/java/com/example/myapp/functions/FunctionConfig.java");
        Files.writeString(functions, Files.readString(functions).replace("    private FunctionConfig() {", """
                    /** A Java function: its handler class, packaged at synth with what it uses. */
                    public static final FunctionResource.Factory NOTES = FunctionResource.define(fn -> fn
                            .name("notes").javaHandler(com.example.notes.handlers.NoteHandler.class));

                    private FunctionConfig() {"""));
        Path app = project.resolve("src/main/java/com/example/myapp/BackendApp.java");
        Files.writeString(app, Files.readString(app).replace("FunctionConfig.HELLO", "FunctionConfig.HELLO,"
                + " FunctionConfig.NOTES"));
    }

    /** The zip in the assembly of the Java function whose handler is {@code handlerClass}. */
    private static Path javaFunctionAsset(Path assembly, String handlerClass) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(assembly)) {
            for (Path template : files.filter(file -> file.toString().endsWith(".template.json")).toList()) {
                for (JsonNode resource : json.readTree(template.toFile()).path("Resources")) {
                    if (resource.path("Properties").path("Handler").asText().equals(handlerClass + "::handleRequest")) {
                        return assembly.resolve(resource.path("Metadata").path("aws:asset:path").asText());
                    }
                }
            }
        }
        throw new AssertionError("no function runs " + handlerClass + " in " + assembly);
    }

    private static List<String> entryNames(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
