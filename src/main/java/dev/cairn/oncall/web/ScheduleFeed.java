package dev.cairn.oncall.web;

import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.oncall.Schedules;
import dev.cairn.oncall.Shift;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A schedule's final shifts as an iCalendar feed that calendar apps subscribe to. The secret token
 * in the URL is the only credential, since calendar apps cannot sign in.
 */
@RestController
class ScheduleFeed {

    static final Duration PAST = Duration.ofDays(7);
    static final Duration AHEAD = Duration.ofDays(60);
    /** Shifts are computed from further back so the first one keeps its real start, and so its UID. */
    private static final Duration LOOKBACK = Duration.ofDays(31);

    private final Schedules schedules;
    private final Users users;
    private final Clock clock;

    ScheduleFeed(Schedules schedules, Users users, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/calendar/schedules/{token:[A-Za-z0-9_-]+}.ics")
    ResponseEntity<byte[]> feed(@PathVariable String token) {
        Optional<ScheduleView> found = schedules.byFeedToken(token);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        ScheduleView schedule = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant from = now.minus(PAST);
        List<Shift> shifts = schedules.shifts(schedule.id(), from.minus(LOOKBACK), now.plus(AHEAD)).stream()
                .filter(s -> s.end().isAfter(from))
                .toList();
        Map<Long, UserView> people =
                users.byIds(shifts.stream().map(Shift::userId).collect(Collectors.toSet()));
        Calendar calendar = new Calendar()
                .withProdId("-//Cairn//On-call//EN")
                .withDefaults()
                .withProperty(new XProperty("X-WR-CALNAME", "On call: " + schedule.name()))
                .getFluentTarget();
        for (Shift shift : shifts) {
            String name = ScheduleTimeline.name(people, shift.userId());
            VEvent event = new VEvent(shift.start(), shift.end(), "On call: " + name + " (" + schedule.name() + ")");
            event.replace(new DtStamp(now));
            event.add(new Uid(
                    schedule.id() + "-" + shift.userId() + "-" + shift.start().getEpochSecond() + "@cairn"));
            calendar.add(event);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/calendar; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .body(calendar.toString().getBytes(StandardCharsets.UTF_8));
    }
}
