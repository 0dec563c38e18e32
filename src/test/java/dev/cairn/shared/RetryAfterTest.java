package dev.cairn.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final java.time.Duration MAX = java.time.Duration.ofHours(1);

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW, MAX)).contains(NOW.plusSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW, MAX)).contains(NOW);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:02:30 GMT", NOW, MAX)).contains(NOW.plusSeconds(150));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", NOW, MAX))
                .as("a date in the past means now")
                .contains(NOW);
    }

    @Test
    void capsWhatWouldMakeAPageUseless() {
        assertThat(RetryAfter.parse("86400", NOW, MAX)).contains(NOW.plus(MAX));
        assertThat(RetryAfter.parse("99999999999999999999", NOW, MAX)).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, NOW, MAX)).isEmpty();
        assertThat(RetryAfter.parse("", NOW, MAX)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW, MAX)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW, MAX)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW, MAX)).isEmpty();
    }
}
