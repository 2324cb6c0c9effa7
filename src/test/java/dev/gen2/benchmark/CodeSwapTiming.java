package dev.gen2.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The time from a function's new code (UpdateFunctionCode, what a hotswap does) to the first invocation whose
 * answer comes from it, invoking again until the answer changes; with the parts: the UpdateFunctionCode call, the
 * invocation that ran the new code (a new instance: its runtime's start) and a warm invocation after it.
 */
final class CodeSwapTiming {
    private static final long DEADLINE_MILLIS = 60_000;

    /** One swap: all in ms; {@code invocations} counts the calls until the new answer. */
    record Swap(double total, double update, double firstNewInvocation, double warmInvocation, int invocations) {
    }

    /** A version of the code: its package, and how its answer is recognized. */
    record Version(byte[] zip, Predicate<String> answeredBy) {
    }

    private CodeSwapTiming() {
    }

    /** Swaps to each version in turn; each must answer differently from the one before it. */
    static List<Swap> measure(LambdaApi lambda, String function, String event, List<Version> versions)
            throws IOException, InterruptedException {
        List<Swap> swaps = new ArrayList<>();
        for (Version version : versions) {
            long start = System.nanoTime();
            lambda.updateCode(function, version.zip());
            double update = millisSince(start);
            int invocations = 0;
            double invocation;
            while (true) {
                long invoked = System.nanoTime();
                String answer = lambda.invoke(function, event);
                invocation = millisSince(invoked);
                invocations++;
                if (version.answeredBy().test(answer)) {
                    break;
                }
                if (millisSince(start) > DEADLINE_MILLIS) {
                    throw new IllegalStateException(function + " still answers with its old code "
                            + DEADLINE_MILLIS / 1000 + " s after UpdateFunctionCode: " + answer);
                }
            }
            double total = millisSince(start);
            long warm = System.nanoTime();
            lambda.invoke(function, event);
            swaps.add(new Swap(total, update, invocation, millisSince(warm), invocations));
        }
        return swaps;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
