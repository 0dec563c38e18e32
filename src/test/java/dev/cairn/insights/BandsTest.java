package dev.cairn.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.shared.InvalidInputException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BandsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void aWeekdayAfternoonIsWorkingHoursInThePersonsZone() {
        // 14:00-16:00 UTC on Wednesday 4 March 2026 is 09:00-11:00 in New York.
        Bands.Split split = Bands.DEFAULT.split(
                Instant.parse("2026-03-04T14:00:00Z"), Instant.parse("2026-03-04T16:00:00Z"), NEW_YORK);
        assertThat(split).isEqualTo(new Bands.Split(7200, 0, 0, 0));
    }

    @Test
    void theSameHoursAreSleepHoursInTokyo() {
        // 15:00-16:00 UTC is 00:00-01:00 on Thursday in Tokyo.
        Bands.Split split = Bands.DEFAULT.split(
                Instant.parse("2026-03-04T15:00:00Z"), Instant.parse("2026-03-04T16:00:00Z"), TOKYO);
        assertThat(split).isEqualTo(new Bands.Split(0, 0, 3600, 0));
    }

    @Test
    void aWeekdaySplitsIntoWorkEveningAndSleep() {
        // 17:00 to 05:00 next day UTC = 12:00 to 00:00 EST: 7 h working, 4 h evening, 1 h sleep.
        Bands.Split split = Bands.DEFAULT.split(
                Instant.parse("2026-01-14T17:00:00Z"), Instant.parse("2026-01-15T05:00:00Z"), NEW_YORK);
        assertThat(split).isEqualTo(new Bands.Split(7 * 3600, 4 * 3600, 3600, 0));
    }

    @Test
    void theNightOfTheSpringDstShiftHasEightRealSleepHours() {
        // Saturday 7 March 2026 18:00 EST to Sunday 8 March 08:00 EDT: clocks jump at 02:00, so the
        // 13 real hours are 5 weekend hours (18:00-23:00 Saturday) and 8 sleep hours (23:00-08:00).
        Bands.Split split = Bands.DEFAULT.split(
                Instant.parse("2026-03-07T23:00:00Z"), Instant.parse("2026-03-08T12:00:00Z"), NEW_YORK);
        assertThat(split).isEqualTo(new Bands.Split(0, 0, 8 * 3600, 5 * 3600));
        assertThat(split.total()).isEqualTo(13 * 3600);
    }

    @Test
    void theAutumnDstNightHasTenRealSleepHours() {
        // Saturday 31 Oct 2026 23:00 EDT to Sunday 1 Nov 08:00 EST: one hour repeats at 01:00.
        Bands.Split split = Bands.DEFAULT.split(
                Instant.parse("2026-11-01T03:00:00Z"), Instant.parse("2026-11-01T13:00:00Z"), NEW_YORK);
        assertThat(split).isEqualTo(new Bands.Split(0, 0, 10 * 3600, 0));
    }

    @Test
    void configuredBandsMoveTheBoundaries() {
        Bands late = new Bands(LocalTime.of(10, 0), LocalTime.of(18, 0), LocalTime.of(22, 0));
        Bands.Split split = late.split(
                Instant.parse("2026-01-14T08:00:00Z"), Instant.parse("2026-01-14T23:00:00Z"), ZoneId.of("UTC"));
        assertThat(split).isEqualTo(new Bands.Split(8 * 3600, 4 * 3600, 3 * 3600, 0));
    }

    @Test
    void bandsMustBeOrdered() {
        assertThatThrownBy(() -> new Bands(LocalTime.of(19, 0), LocalTime.of(8, 0), LocalTime.of(23, 0)))
                .isInstanceOf(InvalidInputException.class);
    }
}
