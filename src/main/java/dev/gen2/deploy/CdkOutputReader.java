package dev.gen2.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lines of the CDK CLI ({@code aws-cdk@}{@value CdkToolkit#CLI_VERSION}, its deploy and destroy messages)
 * as they come and tells, for each stack, what was done to it: created, updated, hotswapped, unchanged or destroyed.
 * A stack's result is handed on as soon as the CLI says the stack is done ({@code ✅  <stack>}), so a deploy of
 * several stacks reports each when it finishes.
 *
 * <p>The signs it goes by, per stack, between {@code <stack>: deploying... [i/n]} and {@code ✅  <stack>}:
 * {@code (no changes)} on the closing line; a hotswap that applied ({@code hotswapped!}, or the CLI's advice to
 * {@code --revert-drift}) and was not followed by {@code Falling back to doing a full deployment}; a direct deploy's
 * {@code creating stack...} / {@code updating stack...}; and a change set's first stack event,
 * {@code CREATE_IN_PROGRESS} or {@code UPDATE_IN_PROGRESS} of the stack itself. Without any of these a stack that
 * deployed is {@link StackResult.Outcome#DEPLOYED}.
 */
final class CdkOutputReader {
    private static final Pattern COLORS = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Pattern DEPLOYING = Pattern.compile("^(.+?): deploying\\.\\.\\. \\[\\d+/\\d+]$");
    private static final Pattern DESTROYING = Pattern.compile("^(.+?): destroying\\.\\.\\. \\[\\d+/\\d+]$");
    private static final Pattern DONE = Pattern.compile("^\u2705\\s+(.+?)( \\(no changes\\)|: destroyed)?$");
    private static final Pattern STACK_EVENT = Pattern.compile(
            "\\b(CREATE|UPDATE)_IN_PROGRESS\\s*\\|\\s*AWS::CloudFormation::Stack\\s*\\|\\s*(\\S+)");

    private final Consumer<StackResult> results;
    private final List<StackResult> done = new ArrayList<>();
    private String stack;
    private long started;
    private boolean hotswapped;
    private Optional<StackResult.Outcome> cloudFormation = Optional.empty();

    /** @param results receives each stack's result as soon as the CLI has finished that stack */
    CdkOutputReader(Consumer<StackResult> results) {
        this.results = results;
    }

    /** One line of the CLI's output, as printed (colors are ignored). */
    void accept(String rawLine) {
        String line = COLORS.matcher(rawLine).replaceAll("").strip();
        Matcher begin = DEPLOYING.matcher(line);
        if (!begin.matches()) {
            begin = DESTROYING.matcher(line);
        }
        if (begin.matches()) {
            stack = begin.group(1);
            started = System.nanoTime();
            hotswapped = false;
            cloudFormation = Optional.empty();
            return;
        }
        if (stack == null) {
            return;
        }
        Matcher end = DONE.matcher(line);
        if (end.matches() && end.group(1).equals(stack)) {
            finish(end.group(2));
            return;
        }
        if (line.endsWith(" hotswapped!") || line.contains("should include '--revert-drift'")) {
            hotswapped = true;
        } else if (line.equals("Falling back to doing a full deployment")) {
            hotswapped = false;
        } else if (line.equals(stack + ": creating stack...")) {
            cloudFormation = Optional.of(StackResult.Outcome.CREATED);
        } else if (line.equals(stack + ": updating stack...")) {
            cloudFormation = Optional.of(StackResult.Outcome.UPDATED);
        } else if (cloudFormation.isEmpty()) {
            Matcher event = STACK_EVENT.matcher(line);
            if (event.find() && event.group(2).equals(stack)) {
                cloudFormation = Optional.of(event.group(1).equals("CREATE") ? StackResult.Outcome.CREATED
                        : StackResult.Outcome.UPDATED);
            }
        }
    }

    /** The stacks finished so far, in the order the CLI finished them. */
    List<StackResult> results() {
        return List.copyOf(done);
    }

    private void finish(String suffix) {
        StackResult.Outcome outcome;
        if (" (no changes)".equals(suffix)) {
            outcome = StackResult.Outcome.UNCHANGED;
        } else if (": destroyed".equals(suffix)) {
            outcome = StackResult.Outcome.DESTROYED;
        } else if (hotswapped) {
            outcome = StackResult.Outcome.HOTSWAPPED;
        } else {
            outcome = cloudFormation.orElse(StackResult.Outcome.DEPLOYED);
        }
        StackResult result = new StackResult(stack, outcome, Duration.ofNanos(System.nanoTime() - started));
        stack = null;
        done.add(result);
        results.accept(result);
    }
}
