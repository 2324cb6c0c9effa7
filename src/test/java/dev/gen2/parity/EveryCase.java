package dev.gen2.parity;

import java.util.List;

/** The differences from Amplify that every case shows, each with its reason (the README's "Where we differ"). */
final class EveryCase {
    static final List<KnownDifference> DIFFERENCES = List.of(
            KnownDifference.of("sdl", "AmplifyAIConversationTurnErrorInput\\..*", "Amplify's SDL always declares"
                    + " the input its AI conversation routes use; we do not offer AI routes (README, Not yet)."));

    private EveryCase() {
    }
}
