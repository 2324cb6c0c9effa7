package dev.gen2.localaws.lambda;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployed function as the local runtime needs it: what moto holds for it (name, ARN, runtime, handler, code
 * and its hash, timeout, memory, the template's environment) and the short name its log lines are prefixed with.
 *
 * @param codeZip the function's deployment package on disk, written once per {@code codeSha256}
 * @param roleArn its execution role, whose credentials its SDK calls are signed with
 */
public record FunctionDefinition(String name, String arn, String runtime, String handler, String codeSha256,
        Path codeZip, int timeoutSeconds, int memoryMegabytes, Map<String, String> environment, String logName,
        Optional<String> roleArn) {
    public FunctionDefinition {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeSha256, "codeSha256");
        Objects.requireNonNull(codeZip, "codeZip");
        environment = Map.copyOf(environment);
        logName = logName == null || logName.isBlank() ? name : logName;
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive: " + timeoutSeconds);
        }
        if (memoryMegabytes <= 0) {
            throw new IllegalArgumentException("memoryMegabytes must be positive: " + memoryMegabytes);
        }
    }

    /** A function without an execution role: signed as the caller chooses (tests of the runtime alone). */
    public FunctionDefinition(String name, String arn, String runtime, String handler, String codeSha256,
            Path codeZip, int timeoutSeconds, int memoryMegabytes, Map<String, String> environment, String logName) {
        this(name, arn, runtime, handler, codeSha256, codeZip, timeoutSeconds, memoryMegabytes, environment, logName,
                Optional.empty());
    }

    /** Whether Lambda runs it with the Java runtime ({@code java17}, {@code java21}...), else Node.js. */
    public boolean isJava() {
        return runtime.startsWith("java");
    }

    /** Whether the local runtime can run it: Node.js and Java only. */
    public boolean isSupported() {
        return isJava() || runtime.startsWith("nodejs");
    }
}
