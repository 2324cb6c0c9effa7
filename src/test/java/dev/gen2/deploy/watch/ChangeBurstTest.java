package dev.gen2.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watcher's debounce on times the test chooses: no clock, no thread. */
class ChangeBurstTest {
    private static final long MS = 1_000_000;
    private static final Path A = Path.of("/p/A.java");
    private static final Path B = Path.of("/p/B.java");

    @Test
    void aBurstIsDueAQuietPeriodAfterItsLastChange() {
        ChangeBurst burst = new ChangeBurst(Duration.ofMillis(150));
        assertThat(burst.isEmpty()).isTrue();
        burst.add(List.of(A), 0);
        burst.add(List.of(B), 100 * MS);
        burst.add(List.of(A), 120 * MS);
        assertThat(burst.nanosLeft(200 * MS)).as("150 ms after the first change, 80 after the last").isEqualTo(70 * MS);
        assertThat(burst.nanosLeft(270 * MS)).isZero();
        assertThat(burst.take()).containsExactly(A, B);
        assertThat(burst.isEmpty()).isTrue();
    }

    @Test
    void changesAsSlowAsTheQuietPeriodMakeOneBurstAsLongAsTheyKeepComing() {
        ChangeBurst burst = new ChangeBurst(Duration.ofMillis(150));
        for (long at = 0; at <= 1_000 * MS; at += 149 * MS) {
            assertThat(burst.isEmpty() || burst.nanosLeft(at) > 0).as("not due at %d ms", at / MS).isTrue();
            burst.add(List.of(Path.of("/p/F" + at / MS + ".java")), at);
        }
        assertThat(burst.take()).hasSize(7);
    }

    @Test
    void addingNothingMovesNothing() {
        ChangeBurst burst = new ChangeBurst(Duration.ofMillis(150));
        burst.add(List.of(A), 0);
        burst.add(List.of(), 100 * MS);
        assertThat(burst.nanosLeft(150 * MS)).isZero();
    }
}
