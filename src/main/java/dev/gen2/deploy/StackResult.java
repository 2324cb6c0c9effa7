package dev.gen2.deploy;

import java.time.Duration;
import java.util.Locale;

/**
 * What one CDK CLI run did to one stack of the assembly (a top-level stack: a backend's nested stacks go with their
 * root), and how long that took.
 *
 * @param stack the stack's name
 * @param outcome what was done to it
 * @param took from the CLI's start on that stack to its end
 */
public record StackResult(String stack, Outcome outcome, Duration took) {

    /** What a deploy or destroy did to a stack. */
    public enum Outcome {
        /** A new stack, created through CloudFormation. */
        CREATED,
        /** An existing stack, updated through CloudFormation. */
        UPDATED,
        /** Only function code (or other hotswappable properties) changed, applied without CloudFormation. */
        HOTSWAPPED,
        /** Nothing to change. */
        UNCHANGED,
        /** Deployed through CloudFormation, the CLI's output not telling whether it was new. */
        DEPLOYED,
        /** Deleted with everything in it. */
        DESTROYED;

        /** The word the progress line shows: {@code created}, {@code hotswapped}, ... */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
