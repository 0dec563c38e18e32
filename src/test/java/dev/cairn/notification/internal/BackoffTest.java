package dev.cairn.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromFifteenSecondsUpToTenMinutes() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(Backoff::after))
                .containsExactly(
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(4),
                        Duration.ofMinutes(8),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10));
        assertThat(Backoff.after(1000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void givesUpAfterEightAttempts() {
        assertThat(Backoff.exhausted(7)).isFalse();
        assertThat(Backoff.exhausted(8)).isTrue();
        Duration total = IntStream.range(1, Backoff.MAX_ATTEMPTS)
                .mapToObj(Backoff::after)
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(total).as("a dead receiver is reported within half an hour").isLessThan(Duration.ofMinutes(30));
    }
}
