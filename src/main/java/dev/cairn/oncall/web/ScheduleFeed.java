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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * iCalendar feeds that calendar apps subscribe to: a schedule's final shifts, or one person's shifts
 * in every schedule. The secret token in the URL is the only credential, since calendar apps cannot
 * sign in.
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
    ResponseEntity<byte[]> schedule(@PathVariable String token) {
        Optional<ScheduleView> found = schedules.byFeedToken(token);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        ScheduleView schedule = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return ics("On call: " + schedule.name(), events(schedule, shifts(schedule, now), now));
    }

    /** One person's shifts in every schedule, for their own calendar. */
    @GetMapping("/calendar/people/{token:[A-Za-z0-9_-]+}.ics")
    ResponseEntity<byte[]> person(@PathVariable String token) {
        Optional<UserView> found = schedules.byPersonFeedToken(token);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        UserView person = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<VEvent> events = new ArrayList<>();
        for (ScheduleView schedule : schedules.all()) {
            List<Shift> mine = shifts(schedule, now).stream()
                    .filter(s -> s.userId() == person.id())
                    .toList();
            events.addAll(events(schedule, mine, now));
        }
        events.sort(Comparator.comparing(e ->
                e.<DtStart<Instant>>getProperty(Property.DTSTART).orElseThrow().getDate()));
        return ics("On call: " + person.name(), events);
    }

    private List<Shift> shifts(ScheduleView schedule, Instant now) {
        Instant from = now.minus(PAST);
        return schedules.shifts(schedule.id(), from.minus(LOOKBACK), now.plus(AHEAD)).stream()
                .filter(s -> s.end().isAfter(from))
                .toList();
    }

    private List<VEvent> events(ScheduleView schedule, List<Shift> shifts, Instant now) {
        Map<Long, UserView> people =
                users.byIds(shifts.stream().map(Shift::userId).collect(Collectors.toSet()));
        List<VEvent> events = new ArrayList<>();
        for (Shift shift : shifts) {
            String name = ScheduleTimeline.name(people, shift.userId());
            VEvent event = new VEvent(shift.start(), shift.end(), "On call: " + name + " (" + schedule.name() + ")");
            event.replace(new DtStamp(now));
            // Stable per shift, so calendar apps update an event in place rather than duplicating it.
            event.add(new Uid(
                    schedule.id() + "-" + shift.userId() + "-" + shift.start().getEpochSecond() + "@cairn"));
            events.add(event);
        }
        return events;
    }

    private static ResponseEntity<byte[]> ics(String name, List<VEvent> events) {
        Calendar calendar = new Calendar()
                .withProdId("-//Cairn//On-call//EN")
                .withDefaults()
                .withProperty(new XProperty("X-WR-CALNAME", name))
                .getFluentTarget();
        events.forEach(calendar::add);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/calendar; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .body(calendar.toString().getBytes(StandardCharsets.UTF_8));
    }
}
