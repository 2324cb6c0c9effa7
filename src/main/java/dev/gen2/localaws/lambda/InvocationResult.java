package dev.gen2.localaws.lambda;

import java.util.Optional;

/**
 * What one invocation gave back, as Lambda's Invoke API reports it.
 *
 * @param payload       the handler's answer, or the error document (errorType, errorMessage...) when it failed
 * @param functionError {@code Unhandled} when the function failed (Lambda's {@code X-Amz-Function-Error})
 * @param log           the invocation's log lines (START, what the function printed, END, REPORT), for
 *                      {@code LogType: Tail}
 */
public record InvocationResult(String requestId, String payload, Optional<String> functionError, String log) {
    public static final String UNHANDLED = "Unhandled";

    public boolean failed() {
        return functionError.isPresent();
    }
}
