package dev.gen2.localaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gen2.localaws.LocalAws;
import dev.gen2.backend.NodePackage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local Lambda runtime running real Node.js and Java functions through the runtime interface clients. */
class LocalLambdaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOGS = new CopyOnWriteArrayList<>();
    private static LocalLambda lambda;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws IOException {
        lambda = LocalLambda.start(new LocalLambda.Settings(URI.create("http://localhost:4599"), "us-east-1",
                function -> new Credentials("AKIDLOCAL", "local-secret", Optional.empty()),
                () -> NodePackage.installed(LocalAws.class, "lambda/node-ric",
                        List.of("package.json", "package-lock.json")),
                LOGS::add));
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void aNodeFunctionRunsWithTheTemplatesAndLambdasEnvironmentAndItsLinesReachTheLog() throws Exception {
        FunctionDefinition function = node("env", """
                exports.handler = async (event, context) => {
                  console.log('counted ' + event.count);
                  const e = process.env;
                  return { count: event.count, table: e.TABLE_NAME, name: e.AWS_LAMBDA_FUNCTION_NAME,
                    memory: e.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, region: e.AWS_REGION, endpoint: e.AWS_ENDPOINT_URL,
                    key: e.AWS_ACCESS_KEY_ID, handler: e._HANDLER, taskRoot: e.LAMBDA_TASK_ROOT, cwd: process.cwd(),
                    home: e.HOME || null, requestId: context.awsRequestId, arn: context.invokedFunctionArn };
                };
                """, 3);

        InvocationResult result = lambda.invoke(function, "{\"count\":3}");

        assertThat(result.functionError()).isEmpty();
        JsonNode answer = JSON.readTree(result.payload());
        assertThat(answer.path("count").asInt()).isEqualTo(3);
        assertThat(answer.path("table").asText()).isEqualTo("Todo-local");
        assertThat(answer.path("name").asText()).isEqualTo("amplify-env-fn");
        assertThat(answer.path("memory").asText()).isEqualTo("256");
        assertThat(answer.path("region").asText()).isEqualTo("us-east-1");
        assertThat(answer.path("endpoint").asText()).isEqualTo("http://localhost:4599");
        assertThat(answer.path("key").asText()).isEqualTo("AKIDLOCAL");
        assertThat(answer.path("handler").asText()).isEqualTo("index.handler");
        assertThat(answer.path("cwd").asText()).isEqualTo(answer.path("taskRoot").asText());
        assertThat(answer.path("home").isNull()).as("the sandbox's own environment does not leak in").isTrue();
        assertThat(answer.path("requestId").asText()).isEqualTo(result.requestId());
        assertThat(answer.path("arn").asText()).isEqualTo(function.arn());
        assertThat(LOGS).contains("[env] counted 3");
        assertThat(result.log()).startsWith("START RequestId: " + result.requestId())
                .contains("counted 3").contains("REPORT RequestId: " + result.requestId());
    }

    @Test
    void aThrownErrorIsAnUnhandledFunctionErrorWithTheRuntimesErrorDocument() throws Exception {
        FunctionDefinition function = node("fails", """
                exports.handler = async () => { throw new TypeError('no such report'); };
                """, 3);

        InvocationResult result = lambda.invoke(function, "{}");

        assertThat(result.functionError()).contains("Unhandled");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("TypeError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("no such report");
    }

    @Test
    void aHandlerThatCannotLoadFailsWithTheInitError() throws Exception {
        FunctionDefinition function = node("missing", "exports.other = async () => 1;\n", 3);

        InvocationResult result = lambda.invoke(function, "{}");

        assertThat(result.functionError()).contains("Unhandled");
        assertThat(JSON.readTree(result.payload()).path("errorType").asText()).isEqualTo("Runtime.HandlerNotFound");
    }

    @Test
    void anInvocationLongerThanTheTimeoutIsKilledWithLambdasError() throws Exception {
        FunctionDefinition function = node("slow", """
                exports.handler = async () => { await new Promise(r => setTimeout(r, 5000)); return 'late'; };
                """, 1);

        long started = System.nanoTime();
        InvocationResult result = lambda.invoke(function, "{}");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.functionError()).contains("Unhandled");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.path("errorMessage").asText()).isEqualTo("RequestId: " + result.requestId()
                + " Error: Task timed out after 1.00 seconds");
        assertThat(millis).isBetween(1000L, 4000L);
        InvocationResult next = lambda.invoke(function, "{}");
        assertThat(JSON.readTree(next.payload()).path("errorType").asText())
                .as("a new instance runs the next invocation").isEqualTo("Sandbox.Timedout");
    }

    @Test
    void aWarmInstanceIsReusedABusyOneGetsASecondAndNewCodeIsPickedUp() throws Exception {
        String slowPid = """
                exports.handler = async (event) => { await new Promise(r => setTimeout(r, event.wait || 0));
                  return { pid: process.pid, version: %d }; };
                """;
        FunctionDefinition first = node("scaled", slowPid.formatted(1), 10);
        int firstPid = JSON.readTree(lambda.invoke(first, "{}").payload()).path("pid").asInt();
        assertThat(JSON.readTree(lambda.invoke(first, "{}").payload()).path("pid").asInt())
                .as("the warm instance answers again").isEqualTo(firstPid);

        CompletableFuture<InvocationResult> busy = CompletableFuture.supplyAsync(() -> invokeQuietly(first,
                "{\"wait\":1500}"));
        Thread.sleep(300);
        JsonNode meanwhile = JSON.readTree(lambda.invoke(first, "{}").payload());
        assertThat(JSON.readTree(busy.get().payload()).path("pid").asInt()).isEqualTo(firstPid);
        assertThat(meanwhile.path("pid").asInt()).as("a second instance").isNotEqualTo(firstPid);

        FunctionDefinition updated = node("scaled", slowPid.formatted(2), 10);
        assertThat(updated.codeSha256()).isNotEqualTo(first.codeSha256());
        JsonNode after = JSON.readTree(lambda.invoke(updated, "{}").payload());
        assertThat(after.path("version").asInt()).as("the next invocation runs the new code").isEqualTo(2);
    }

    @Test
    void aJavaFunctionRunsThroughLambdasJavaRuntimeInterfaceClientWithItsMemoryAsTheHeap() throws Exception {
        FunctionDefinition function = java("report", 512, 10);

        InvocationResult result = lambda.invoke(function, "{\"count\":3}");

        assertThat(result.functionError()).as(result.payload()).isEmpty();
        JsonNode answer = JSON.readTree(result.payload());
        assertThat(answer.path("count").asInt()).isEqualTo(3);
        assertThat(answer.path("table").asText()).isEqualTo("Todo-local");
        assertThat(answer.path("functionName").asText()).isEqualTo("amplify-report-fn");
        assertThat(answer.path("requestId").asText()).isEqualTo(result.requestId());
        assertThat(answer.path("maxHeapMegabytes").asLong()).isBetween(380L, 440L);
        assertThat(LOGS).contains("[report] counted 3");

        InvocationResult failed = lambda.invoke(function, "{\"count\":1,\"fail\":\"no bucket\"}");
        assertThat(failed.functionError()).contains("Unhandled");
        assertThat(JSON.readTree(failed.payload()).path("errorMessage").asText()).isEqualTo("no bucket");
        assertThat(JSON.readTree(failed.payload()).path("errorType").asText())
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void aJavaFunctionPastItsTimeoutIsKilled() throws Exception {
        FunctionDefinition function = java("report-slow", 256, 1);

        InvocationResult result = lambda.invoke(function, "{\"count\":1,\"sleepMillis\":4000}");

        assertThat(JSON.readTree(result.payload()).path("errorMessage").asText())
                .endsWith("Task timed out after 1.00 seconds");
    }

    private static InvocationResult invokeQuietly(FunctionDefinition function, String event) {
        try {
            return lambda.invoke(function, event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FunctionDefinition node(String name, String source, int timeoutSeconds) throws Exception {
        Path zip = zip(name, Map.of("index.js", source.getBytes(StandardCharsets.UTF_8)));
        return definition(name, "nodejs20.x", "index.handler", zip, 256, timeoutSeconds);
    }

    private static FunctionDefinition java(String name, int memory, int timeoutSeconds) throws Exception {
        String classFile = EchoJavaHandler.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (var in = EchoJavaHandler.class.getClassLoader().getResourceAsStream(classFile)) {
            bytes = in.readAllBytes();
        }
        Path zip = zip(name, Map.of(classFile, bytes));
        return definition(name, "java17", EchoJavaHandler.class.getName() + "::handleRequest", zip, memory,
                timeoutSeconds);
    }

    private static FunctionDefinition definition(String name, String runtime, String handler, Path zip, int memory,
            int timeoutSeconds) throws Exception {
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(zip)));
        return new FunctionDefinition("amplify-" + name + "-fn", "arn:aws:lambda:us-east-1:123456789012:function:"
                + "amplify-" + name + "-fn", runtime, handler, sha, zip, timeoutSeconds, memory,
                Map.of("TABLE_NAME", "Todo-local"), name);
    }

    private static Path zip(String name, Map<String, byte[]> files) throws IOException {
        Path zip = Files.createTempFile(work, name, ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zipped.putNextEntry(new ZipEntry(file.getKey()));
                zipped.write(file.getValue());
                zipped.closeEntry();
            }
        }
        return zip;
    }
}
