package dev.cairn.oncall.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.oncall.OnCall;
import dev.cairn.oncall.OnCallAt;
import dev.cairn.oncall.Rotation;
import dev.cairn.oncall.Schedule;
import dev.cairn.oncall.ScheduleOverride;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.oncall.Schedules;
import dev.cairn.oncall.Shift;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating, editing and deleting a schedule on the web, for writers. The layers, their people and
 * their weekly windows are rows of one form; adding, removing and moving rows re-renders the form
 * server-side with what was typed, so it works without scripts. "Preview" shows the next days'
 * timeline of the unsaved form.
 */
@Controller
class ScheduleEditor {

    /** Time zone ids offered in the form's list: regions and UTC, not the legacy aliases. */
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.equals("UTC") || (z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")))
            .sorted()
            .toList();

    private final Schedules schedules;
    private final Users users;
    private final Teams teams;
    private final Clock clock;

    ScheduleEditor(Schedules schedules, Users users, Teams teams, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.teams = teams;
        this.clock = clock;
    }

    /** A person in a participant select; people no longer active are kept so an edit does not drop them. */
    record Person(String id, String name) {}

    @GetMapping("/schedules/new")
    String create(@AuthenticationPrincipal Actor me, Model model) {
        Actors.requireWrite(me);
        String zone = users.find(me.userId()).map(UserView::timeZone).orElse("UTC");
        ScheduleForm blank = ScheduleForm.blank(
                zone, me.userId(), clock.instant().atZone(ZoneId.of(zone)).toLocalDate());
        return form(null, blank, Map.of(), model);
    }

    @GetMapping("/schedules/{id}/edit")
    String edit(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        Actors.requireWrite(me);
        ScheduleView schedule = schedules.get(id);
        return form(schedule, ScheduleForm.of(schedule), Map.of(), model);
    }

    @PostMapping("/schedules/new")
    String saveNew(
            @AuthenticationPrincipal Actor me,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        return submit(null, me, params, model, response, flash);
    }

    @PostMapping("/schedules/{id}/edit")
    String save(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        return submit(id, me, params, model, response, flash);
    }

    /** Deleting asks first, on a page of its own, so it works without scripts too. */
    @GetMapping("/schedules/{id}/delete")
    String confirmDelete(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        Actors.requireWrite(me);
        model.addAttribute("schedule", schedules.get(id));
        return "oncall/schedule-delete";
    }

    @PostMapping("/schedules/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        Actors.requireWrite(me);
        String name = schedules.get(id).name();
        schedules.delete(id, me);
        flash.addFlashAttribute("notice", "Schedule " + name + " deleted.");
        return "redirect:/schedules";
    }

    private String submit(
            Long id,
            Actor me,
            MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        Actors.requireWrite(me);
        ScheduleView current = id == null ? null : schedules.get(id);
        ScheduleForm typed = ScheduleForm.typed(params);
        String action = params.getFirst("action") == null ? "save" : params.getFirst("action");
        if (!action.equals("save") && !action.equals("preview")) {
            ScheduleForm.Edited edited = typed.apply(action);
            model.addAttribute("focus", edited.focus());
            return form(current, edited.form(), Map.of(), model);
        }
        boolean preview = action.equals("preview");
        ScheduleForm.Checked checked = typed.check(preview ? overrides(current) : List.of(), preview);
        Map<String, String> errors = checked.errors();
        if (errors.isEmpty() && preview) {
            preview(checked.schedule(), model);
            model.addAttribute("focus", "preview");
            return form(current, typed, errors, model);
        }
        if (errors.isEmpty()) {
            Schedule s = checked.schedule();
            try {
                ScheduleView saved = current == null
                        ? schedules.create(s.name(), s.zone().getId(), checked.teamId(), s.layers(), me)
                        : schedules.update(current.id(), s.name(), s.zone().getId(), checked.teamId(), s.layers(), me);
                flash.addFlashAttribute("notice", "Schedule saved.");
                return "redirect:/schedules/" + saved.id();
            } catch (InvalidInputException e) {
                errors = Map.of(ScheduleForm.scheduleKey(e.field()), ScheduleForm.scheduleError(e));
            } catch (ConflictException e) {
                errors = Map.of("name", e.getMessage());
            }
        }
        response.setStatus(400);
        return form(current, typed, errors, model);
    }

    private static List<ScheduleOverride> overrides(ScheduleView current) {
        return current == null
                ? List.of()
                : current.overrides().stream()
                        .map(o -> new ScheduleOverride(o.userId(), o.start(), o.end(), o.replacesUserId()))
                        .toList();
    }

    /** The next days of the unsaved schedule, as the schedule page will show them once saved. */
    private void preview(Schedule schedule, Model model) {
        ZoneId zone = schedule.zone();
        Instant now = clock.instant();
        ZonedDateTime from = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        ZonedDateTime to = from.toLocalDate().plusDays(SchedulePages.DAYS_SHOWN).atStartOfDay(zone);
        List<Shift> result = OnCall.shifts(schedule, from.toInstant(), to.toInstant());
        List<Long> order = new ArrayList<>();
        schedule.layers().forEach(layer -> order.addAll(layer.participants()));
        schedule.overrides().forEach(o -> order.add(o.userId()));
        result.forEach(s -> order.add(s.userId()));
        Map<Long, UserView> people = users.byIds(new HashSet<>(order));
        model.addAttribute(
                "preview",
                ScheduleTimeline.of(
                        now,
                        from,
                        to,
                        OnCall.layerShifts(schedule, from.toInstant(), to.toInstant()),
                        result,
                        people,
                        ScheduleTimeline.colours(order)));
        model.addAttribute(
                "previewOnCall",
                OnCall.whoIsOnCall(schedule, now)
                        .map(OnCallAt::userId)
                        .map(u -> ScheduleTimeline.name(people, u))
                        .orElse(null));
    }

    private String form(ScheduleView current, ScheduleForm form, Map<String, String> errors, Model model) {
        model.addAttribute("schedule", current);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("people", people(form));
        model.addAttribute("teams", teams.all());
        model.addAttribute("zones", ZONES);
        model.addAttribute("days", List.of(DayOfWeek.values()));
        model.addAttribute("units", List.of(Rotation.Unit.WEEKS, Rotation.Unit.DAYS, Rotation.Unit.HOURS));
        model.addAttribute("daysShown", SchedulePages.DAYS_SHOWN);
        return "oncall/schedule-form";
    }

    /** Active people by name, then anyone the form names who is not active (so they show, and the save says why). */
    private List<Person> people(ScheduleForm form) {
        List<Person> people = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        users.active().stream().sorted(Comparator.comparing(UserView::name)).forEach(u -> {
            people.add(new Person(String.valueOf(u.id()), u.name()));
            listed.add(String.valueOf(u.id()));
        });
        Set<Long> others = new LinkedHashSet<>();
        form.layers().stream()
                .flatMap(l -> l.participants().stream())
                .filter(p -> !p.isBlank() && !listed.contains(p))
                .forEach(p -> {
                    try {
                        others.add(Long.parseLong(p.strip()));
                    } catch (NumberFormatException e) {
                        // Shown as typed below; the save names the field.
                    }
                });
        Map<Long, UserView> found = users.byIds(others);
        for (Long other : others) {
            UserView user = found.get(other);
            people.add(new Person(
                    String.valueOf(other), (user == null ? "user " + other : user.name()) + " (not active)"));
        }
        return people;
    }
}
