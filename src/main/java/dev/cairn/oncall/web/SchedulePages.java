package dev.cairn.oncall.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.oncall.LayerShifts;
import dev.cairn.oncall.OnCall;
import dev.cairn.oncall.OnCallAt;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.oncall.ScheduleView.OverrideView;
import dev.cairn.oncall.Schedules;
import dev.cairn.oncall.Shift;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The on-call pages: schedules with who is on call now, and one schedule's next two weeks. */
@Controller
class SchedulePages {

    static final int DAYS_SHOWN = 14;

    private final Schedules schedules;
    private final Users users;
    private final Teams teams;
    private final Clock clock;

    SchedulePages(Schedules schedules, Users users, Teams teams, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.teams = teams;
        this.clock = clock;
    }

    /** A schedule in the list: who is on call now and until when. */
    record Listed(ScheduleView schedule, String team, String onCall, Instant until) {}

    /** A row of the final shifts table, times already written in the schedule's zone. */
    record ShiftRow(
            long userId,
            String name,
            String colour,
            Instant start,
            String startLocal,
            Instant end,
            String endLocal,
            String source) {}

    /** An override as the page lists it. */
    record OverrideRow(
            long id, String name, String replaces, Instant start, String startLocal, Instant end, String endLocal) {}

    @GetMapping("/schedules")
    String list(@AuthenticationPrincipal Actor me, Model model) {
        Instant now = clock.instant();
        Map<Long, String> teamNames =
                teams.all().stream().collect(Collectors.toMap(TeamView::id, TeamView::name, (a, b) -> a));
        List<ScheduleView> all = schedules.all();
        Set<Long> ids = new HashSet<>();
        List<Optional<OnCallAt>> onCall = new ArrayList<>();
        for (ScheduleView schedule : all) {
            Optional<OnCallAt> on = OnCall.whoIsOnCall(schedule.schedule(), now);
            on.ifPresent(o -> ids.add(o.userId()));
            onCall.add(on);
        }
        Map<Long, UserView> people = users.byIds(ids);
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ScheduleView schedule = all.get(i);
            Optional<OnCallAt> on = onCall.get(i);
            Instant until = on.map(o -> OnCall.shifts(schedule.schedule(), now, now.plus(30, ChronoUnit.DAYS)))
                    .filter(shifts -> !shifts.isEmpty())
                    .map(shifts -> shifts.getFirst().end())
                    .orElse(null);
            listed.add(new Listed(
                    schedule,
                    schedule.teamId() == null ? null : teamNames.get(schedule.teamId()),
                    on.map(o -> ScheduleTimeline.name(people, o.userId())).orElse(null),
                    until));
        }
        model.addAttribute("schedules", listed);
        model.addAttribute("hasPersonFeed", me != null && !me.isSystem() && schedules.hasPersonFeed(me.userId()));
        return "oncall/schedules";
    }

    @GetMapping("/schedules/{id}")
    String show(@PathVariable long id, Model model) {
        ScheduleView schedule = schedules.get(id);
        ZoneId zone = ZoneId.of(schedule.timeZone());
        Instant now = clock.instant();
        ZonedDateTime from = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        ZonedDateTime to = from.toLocalDate().plusDays(DAYS_SHOWN).atStartOfDay(zone);

        List<Shift> result = schedules.shifts(id, from.toInstant(), to.toInstant());
        List<LayerShifts> layers = schedules.layerShifts(id, from.toInstant(), to.toInstant());
        Optional<OnCallAt> onCall = schedules.onCall(id, now);

        List<Long> order = new ArrayList<>();
        schedule.layers().forEach(layer -> order.addAll(layer.participants()));
        schedule.overrides().forEach(o -> order.add(o.userId()));
        result.forEach(s -> order.add(s.userId()));
        Map<Long, String> colours = ScheduleTimeline.colours(order);
        Set<Long> ids = new HashSet<>(order);
        schedule.overrides().stream()
                .map(OverrideView::replacesUserId)
                .filter(r -> r != null)
                .forEach(ids::add);
        Map<Long, UserView> people = users.byIds(ids);

        model.addAttribute("schedule", schedule);
        model.addAttribute(
                "layerPeople",
                schedule.layers().stream()
                        .map(l -> l.participants().stream()
                                .map(p -> ScheduleTimeline.name(people, p))
                                .toList())
                        .toList());
        model.addAttribute(
                "team",
                schedule.teamId() == null ? null : teams.find(schedule.teamId()).orElse(null));
        model.addAttribute("onCall", onCall.map(o -> people.get(o.userId())).orElse(null));
        model.addAttribute("onCallSource", onCall.map(OnCallAt::source).orElse(null));
        model.addAttribute(
                "onCallColour", onCall.map(o -> colours.get(o.userId())).orElse(null));
        Optional<Shift> current = result.stream()
                .filter(s -> !s.start().isAfter(now) && s.end().isAfter(now))
                .findFirst();
        model.addAttribute("until", current.map(Shift::end).orElse(null));
        model.addAttribute(
                "untilLocal",
                current.map(s -> ScheduleTimeline.when(s.end(), zone)).orElse(null));
        Optional<Shift> next =
                result.stream().filter(s -> s.start().isAfter(now)).findFirst();
        model.addAttribute(
                "next", next.map(s -> ScheduleTimeline.name(people, s.userId())).orElse(null));
        model.addAttribute("nextAt", next.map(Shift::start).orElse(null));
        model.addAttribute(
                "nextLocal",
                next.map(s -> ScheduleTimeline.when(s.start(), zone)).orElse(null));
        model.addAttribute("timeline", ScheduleTimeline.of(now, from, to, layers, result, people, colours));
        model.addAttribute(
                "shifts",
                result.stream()
                        .map(s -> new ShiftRow(
                                s.userId(),
                                ScheduleTimeline.name(people, s.userId()),
                                colours.getOrDefault(s.userId(), "oc-c0"),
                                s.start(),
                                ScheduleTimeline.when(s.start(), zone),
                                s.end(),
                                ScheduleTimeline.when(s.end(), zone),
                                s.source()))
                        .toList());
        model.addAttribute(
                "overrides",
                schedule.overrides().stream()
                        .filter(o -> o.end().isAfter(now))
                        .map(o -> new OverrideRow(
                                o.id(),
                                ScheduleTimeline.name(people, o.userId()),
                                o.replacesUserId() == null ? null : ScheduleTimeline.name(people, o.replacesUserId()),
                                o.start(),
                                ScheduleTimeline.when(o.start(), zone),
                                o.end(),
                                ScheduleTimeline.when(o.end(), zone)))
                        .toList());
        model.addAttribute("people", users.active());
        ZonedDateTime nextHour = now.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        model.addAttribute("defaultStart", nextHour.toLocalDateTime().toString());
        model.addAttribute("defaultEnd", nextHour.plusHours(8).toLocalDateTime().toString());
        model.addAttribute("zoneNow", ScheduleTimeline.when(now, zone));
        model.addAttribute("daysShown", DAYS_SHOWN);
        model.addAttribute("hasFeed", schedules.hasFeed(id));
        return "oncall/schedule";
    }

    @PostMapping("/schedules/{id}/overrides")
    String addOverride(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String userId,
            @RequestParam(defaultValue = "") String replacesUserId,
            @RequestParam(defaultValue = "") String start,
            @RequestParam(defaultValue = "") String end,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes redirect) {
        Actors.requireWrite(me);
        ZoneId zone = ZoneId.of(schedules.get(id).timeZone());
        try {
            Instant from = local(start, zone, "start");
            Instant until = local(end, zone, "end");
            schedules.addOverride(
                    id,
                    id(userId, "person").orElseThrow(() -> new InvalidInputException("person", "is required")),
                    id(replacesUserId, "replacing").orElse(null),
                    from,
                    until,
                    me);
            redirect.addFlashAttribute("notice", "Override added.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "The override was not added: " + e.field() + " " + e.getMessage());
        }
        return "redirect:/schedules/" + id + "#overrides";
    }

    /** "I'll cover": the signed-in person takes one shift of someone else's, exactly its hours. */
    @PostMapping("/schedules/{id}/cover")
    String cover(
            @PathVariable long id,
            @RequestParam long replacesUserId,
            @RequestParam Instant start,
            @RequestParam Instant end,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes redirect) {
        try {
            schedules.addOverride(id, me.userId(), replacesUserId, start, end, me);
            redirect.addFlashAttribute("notice", "You cover this shift now.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "The shift was not covered: " + e.field() + " " + e.getMessage());
        }
        return "redirect:/schedules/" + id + "#overrides";
    }

    @PostMapping("/schedules/{id}/overrides/{overrideId}/delete")
    String removeOverride(
            @PathVariable long id,
            @PathVariable long overrideId,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes redirect) {
        schedules.removeOverride(id, overrideId, me);
        redirect.addFlashAttribute("notice", "Override removed.");
        return "redirect:/schedules/" + id + "#overrides";
    }

    /** A new secret calendar URL, shown on this response only; any previous one stops working. */
    @PostMapping("/schedules/{id}/calendar-link")
    String calendarLink(
            @PathVariable long id, @AuthenticationPrincipal Actor me, Model model, HttpServletResponse response) {
        boolean rotated = schedules.hasFeed(id);
        String token = schedules.newFeedToken(id, me);
        model.addAttribute("schedule", schedules.get(id));
        return shownOnce(token, "/calendar/schedules/{token}.ics", rotated, model, response);
    }

    private static String shownOnce(
            String token, String path, boolean rotated, Model model, HttpServletResponse response) {
        // The secret is in this page only: keep it out of caches and the back-forward history.
        response.setHeader("Cache-Control", "no-store");
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(path)
                .buildAndExpand(token)
                .toUriString();
        model.addAttribute("url", url);
        model.addAttribute("webcal", url.replaceFirst("^https?://", "webcal://"));
        model.addAttribute("rotated", rotated);
        return "oncall/calendar-link";
    }

    /** A new secret URL for the signed-in person's own shifts in every schedule, shown once. */
    @PostMapping("/schedules/my-calendar-link")
    String myCalendarLink(@AuthenticationPrincipal Actor me, Model model, HttpServletResponse response) {
        boolean rotated = schedules.hasPersonFeed(me.userId());
        return shownOnce(schedules.newPersonFeedToken(me), "/calendar/people/{token}.ics", rotated, model, response);
    }

    /** A datetime-local value read as wall-clock time in the schedule's zone. */
    private static Instant local(String value, ZoneId zone, String field) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date and time");
        }
    }

    private static Optional<Long> id(String value, String field) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a person");
        }
    }
}
