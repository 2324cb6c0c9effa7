package dev.gen2.localaws.lambda;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A function's output: each line goes to the local AWS's log, prefixed with the function's short name (the local
 * form of {@code --stream-function-logs}), and is kept for the running invocation's log tail.
 */
final class FunctionLog {
    /** The Node.js runtime's line prefix: timestamp, request id, level (a tab between each). */
    private static final Pattern NODE_PREFIX = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\t[0-9a-f-]{36}\\t(INFO\\t)?");
    /** What Lambda's log tail holds at most (the last 4 KB). */
    private static final int TAIL_CHARACTERS = 4096;

    private final String prefix;
    private final Consumer<String> logs;
    private StringBuilder invocation = new StringBuilder();

    FunctionLog(String name, Consumer<String> logs) {
        this.prefix = "[" + name + "] ";
        this.logs = logs;
    }

    /** A line the function printed. */
    synchronized void line(String line) {
        invocation.append(line).append('\n');
        logs.accept(prefix + NODE_PREFIX.matcher(line).replaceFirst(""));
    }

    /** Starts an invocation's lines with Lambda's own first line. */
    synchronized void begin(String startLine) {
        invocation = new StringBuilder(startLine).append('\n');
    }

    /** Ends an invocation's lines with Lambda's last ones, and gives them back (the last 4 KB). */
    synchronized String end(String... lastLines) {
        for (String line : lastLines) {
            invocation.append(line).append('\n');
        }
        String all = invocation.toString();
        return all.length() <= TAIL_CHARACTERS ? all : all.substring(all.length() - TAIL_CHARACTERS);
    }
}
