package dev.gen2.backend.function.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amplify.functions.report.ReportHandler;
import com.example.handlers.CdkReachingHandler;
import com.example.handlers.JacksonHandler;
import dev.gen2.backend.BackendConfigException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Java function's package: what its handler reaches and nothing else, in Lambda's layout, the same bytes for
 * the same classes, and refused when the handler reaches synth-time code.
 */
class JavaFunctionPackagerTest {
    private static final String WHERE = "function 'fn'.javaHandler";

    @TempDir
    Path work;

    @Test
    void theSampleReportGetsItsHandlerTheRuntimeHelperAndTheSdkJarsItUses() throws IOException {
        JavaFunctionPackage report = JavaFunctionPackager.build(WHERE, ReportHandler.class, 21);

        assertThat(report.classes()).contains("amplify/functions/report/ReportHandler.class",
                "dev/gen2/runtime/FunctionEnvironment.class")
                .allMatch(name -> name.startsWith("amplify/functions/report/") || name.startsWith("dev/gen2/runtime/"));
        assertThat(report.jars())
                .anyMatch(jar -> jar.startsWith("aws-lambda-java-core-"))
                .anyMatch(jar -> jar.startsWith("s3-2."))
                .anyMatch(jar -> jar.startsWith("ssm-2."))
                .as("the HTTP client, which the SDK finds through META-INF/services")
                .anyMatch(jar -> jar.startsWith("url-connection-client-"))
                .noneMatch(jar -> jar.startsWith("aws-cdk-lib-") || jar.startsWith("jsii-runtime-")
                        || jar.startsWith("constructs-") || jar.startsWith("picocli-") || jar.startsWith("asm-")
                        || jar.startsWith("cloudformation-") || jar.startsWith("jackson-databind-")
                        || jar.startsWith("gen2-backend-") || jar.startsWith("junit-"));
        List<String> expected = new ArrayList<>(report.classes());
        report.jars().forEach(jar -> expected.add("lib/" + jar));
        assertThat(entryNames(report.zip())).as("classes at the root, jars in lib/, sorted").isEqualTo(expected.stream()
                .sorted().toList());
        assertThat(report.bytes()).isEqualTo(Files.size(report.zip()));
    }

    @Test
    void aHandlerThatUsesJacksonGetsJacksonAndOnlyItsOwnClass() {
        JavaFunctionPackage jackson = JavaFunctionPackager.build(WHERE, JacksonHandler.class, 21);

        assertThat(jackson.classes()).containsExactly("com/example/handlers/JacksonHandler.class");
        assertThat(jackson.jars()).anyMatch(jar -> jar.startsWith("jackson-databind-"))
                .anyMatch(jar -> jar.startsWith("jackson-core-"))
                .anyMatch(jar -> jar.startsWith("jackson-annotations-"))
                .anyMatch(jar -> jar.startsWith("aws-lambda-java-core-"))
                .noneMatch(jar -> jar.startsWith("s3-") || jar.startsWith("aws-cdk-lib-"));
    }

    @Test
    void theSameClassesGiveTheSameBytesWithOneFixedTimeAndSortedEntries() throws IOException {
        JavaFunctionPackage first = JavaFunctionPackager.build(WHERE, JacksonHandler.class, 21);
        byte[] bytes = Files.readAllBytes(first.zip());
        Files.delete(first.zip());

        JavaFunctionPackage again = JavaFunctionPackager.build(WHERE, JacksonHandler.class, 21);

        assertThat(again.zip()).isEqualTo(first.zip());
        assertThat(Files.readAllBytes(again.zip())).isEqualTo(bytes);
        try (ZipFile zip = new ZipFile(again.zip().toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertThat(entries).allSatisfy(entry -> assertThat(entry.getTimeLocal())
                    .isEqualTo(ReproducibleZip.ENTRY_TIME));
            assertThat(entries.stream().map(ZipEntry::getName).toList()).isSorted();
        }
    }

    @Test
    void changingOneHandlerLeavesTheOtherFunctionsPackageAlone() throws IOException {
        Path sources = work.resolve("src");
        write(sources, "com/example/orders/OrderHandler.java", handlerSource("com.example.orders", "OrderHandler",
                "orders"));
        write(sources, "com/example/users/UserHandler.java", handlerSource("com.example.users", "UserHandler",
                "users"));
        Path before = compile(sources, work.resolve("before"));
        write(sources, "com/example/users/UserHandler.java", handlerSource("com.example.users", "UserHandler",
                "users, changed"));
        Path after = compile(sources, work.resolve("after"));

        try (URLClassLoader first = loader(before); URLClassLoader second = loader(after)) {
            JavaFunctionPackage ordersBefore = build(first, "com.example.orders.OrderHandler");
            JavaFunctionPackage usersBefore = build(first, "com.example.users.UserHandler");
            JavaFunctionPackage ordersAfter = build(second, "com.example.orders.OrderHandler");
            JavaFunctionPackage usersAfter = build(second, "com.example.users.UserHandler");

            assertThat(ordersAfter.zip()).as("the unchanged function's asset").isEqualTo(ordersBefore.zip());
            assertThat(usersAfter.zip()).as("the changed function's asset").isNotEqualTo(usersBefore.zip());
            assertThat(ordersBefore.classes()).containsExactly("com/example/orders/OrderHandler.class");
        }
    }

    @Test
    void filesBesideTheHandlersClassesComeWithThemAndOtherPackagesDoNot() throws IOException {
        Path sources = work.resolve("src");
        write(sources, "com/example/mail/MailHandler.java", handlerSource("com.example.mail", "MailHandler", "mail"));
        Path classes = compile(sources, work.resolve("classes"));
        write(classes, "com/example/mail/template.txt", "Hello {name}");
        write(classes, "com/example/other/unrelated.txt", "not for the mail function");

        try (URLClassLoader loader = loader(classes)) {
            JavaFunctionPackage mail = build(loader, "com.example.mail.MailHandler");

            assertThat(entryNames(mail.zip())).contains("com/example/mail/template.txt")
                    .doesNotContain("com/example/other/unrelated.txt");
        }
    }

    @Test
    void aHandlerThatReachesSynthTimeCodeIsRefusedWithThePathThere() {
        assertThatThrownBy(() -> JavaFunctionPackager.build(WHERE, CdkReachingHandler.class, 21))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageStartingWith(WHERE + ": The handler " + CdkReachingHandler.class.getName()
                        + " reaches software.amazon.awscdk.Duration (aws-cdk-lib, which runs only at synth time): "
                        + CdkReachingHandler.class.getName() + " -> " + CdkReachingHandler.class.getName() + "$TimeoutSetting" + " -> software.amazon.awscdk.Duration.")
                .hasMessageContaining("Fix: keep the handler's code apart from the backend's definition");
    }

    @Test
    void aClassBuiltForANewerJavaThanTheRuntimeIsRefusedBeforeLambdaFailsToLoadIt() {
        assertThatThrownBy(() -> JavaFunctionPackager.build(WHERE, JacksonHandler.class, 11))
                .isInstanceOf(BackendConfigException.class)
                .hasMessageStartingWith("function 'fn'.runtime: The class com.example.handlers.JacksonHandler (in ")
                .hasMessageContaining(") is built for Java 17, but the function runs on Java 11, which cannot load it."
                        + " Fix: choose the runtime FunctionRuntime.JAVA_17 if Lambda offers it, or build that class");
    }

    @Test
    void aHandlerWhoseClassFileCannotBeFoundIsRefused() throws Exception {
        Path sources = work.resolve("src");
        write(sources, "com/example/made/MadeHandler.java", handlerSource("com.example.made", "MadeHandler", "made"));
        Path classes = compile(sources, work.resolve("classes"));
        byte[] bytes = Files.readAllBytes(classes.resolve("com/example/made/MadeHandler.class"));
        Files.delete(classes.resolve("com/example/made/MadeHandler.class"));
        Class<?> made = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("com.example.made.MadeHandler", bytes, 0, bytes.length);
            }
        }.define();

        assertThatThrownBy(() -> JavaFunctionPackager.build(WHERE, made, 21))
                .isInstanceOf(BackendConfigException.class)
                .hasMessage(WHERE + ": The class file of the handler com.example.made.MadeHandler cannot be found"
                        + " through the class loader that loaded it, so it cannot be packaged. Fix: write the handler in"
                        + " the project's sources (src/main/java) or take it from a jar on the project's classpath.");
    }

    @Test
    void aHandlerRunsFromItsPackageAloneInLambdasJavaRuntime() throws Exception {
        JavaFunctionPackage jackson = JavaFunctionPackager.build(WHERE, JacksonHandler.class, 21);

        LambdaJavaRuntime.Invocation invocation = LambdaJavaRuntime.invoke(jackson.zip(),
                JacksonHandler.class.getName() + "::handleRequest", "{\"name\":\"Ada\"}", Map.of());

        assertThat(invocation.failed()).as(invocation.response() + "\n" + invocation.log()).isFalse();
        assertThat(invocation.response()).isEqualTo("{\"greeting\":\"Hello, Ada\",\"function\":\"test\"}");
    }

    private static JavaFunctionPackage build(ClassLoader loader, String handler) {
        try {
            return JavaFunctionPackager.build(WHERE, Class.forName(handler, false, loader), 21);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static String handlerSource(String packageName, String className, String answer) {
        return "package " + packageName + ";\n"
                + "public class " + className + " implements com.amazonaws.services.lambda.runtime.RequestHandler"
                + "<String, String> {\n"
                + "    public String handleRequest(String input, com.amazonaws.services.lambda.runtime.Context c) {\n"
                + "        return \"" + answer + "\";\n"
                + "    }\n"
                + "}\n";
    }

    private static void write(Path root, String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static Path compile(Path sources, Path output) throws IOException {
        Files.createDirectories(output);
        List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-classpath",
                System.getProperty("java.class.path")));
        try (var files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(file -> arguments.add(
                    file.toString()));
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
        assertThat(status).as("javac").isZero();
        return output;
    }

    private static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaFunctionPackagerTest.class.getClassLoader());
    }

    private static List<String> entryNames(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
