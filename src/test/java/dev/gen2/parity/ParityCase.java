package dev.gen2.parity;

import dev.gen2.backend.ResourceFactory;
import java.util.List;

/**
 * One definition written twice, with Amplify's TypeScript library ({@code src/test/parity/cases/<name>/amplify/data/
 * resource.ts}, with {@code cases/shared}'s auth unless the case has its own) and with ours ({@link #resources}), and
 * the differences between the two that are there by design. Adding a case is one such class, its TypeScript file,
 * and a line in {@link AmplifyParityIT#CASES}.
 */
public interface ParityCase {

    /** The case's directory under {@code src/test/parity/cases}. */
    String name();

    /** The same backend in Java: its auth and data. */
    List<ResourceFactory<?>> resources();

    /** What differs by design, each with its reason (also in the README's "Where we differ"); none by default. */
    default List<KnownDifference> differences() {
        return List.of();
    }
}
