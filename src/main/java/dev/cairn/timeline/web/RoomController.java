package dev.cairn.timeline.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentUpdate;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Milestone;
import dev.cairn.incident.Participant;
import dev.cairn.incident.Severities;
import dev.cairn.shared.Durations;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.timeline.PostEntry;
import dev.cairn.timeline.RoomWindows;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import dev.cairn.timeline.internal.LiveRooms;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The incident room: header, live timeline, post box and the frequent actions. Every action is a
 * plain form post (works without JavaScript); htmx and SSE make it live.
 */
@Controller
class RoomController {

    private final Incidents incidents;
    private final Severities severities;
    private final IncidentPeople people;
    private final Timeline timeline;
    private final RoomWindows windows;
    private final Users users;
    private final LiveRooms rooms;
    private final Clock clock;
    private final int initialEntries;

    /** Entries shown before the one a link points to, so it is read in its context. */
    static final int AROUND_CONTEXT = 20;

    RoomController(
            Incidents incidents,
            Severities severities,
            IncidentPeople people,
            Timeline timeline,
            RoomWindows windows,
            Users users,
            LiveRooms rooms,
            Clock clock,
            @Value("${cairn.room.initial-entries:200}") int initialEntries) {
        this.incidents = incidents;
        this.severities = severities;
        this.people = people;
        this.timeline = timeline;
        this.windows = windows;
        this.users = users;
        this.rooms = rooms;
        this.clock = clock;
        if (initialEntries < 1) {
            throw new IllegalArgumentException("cairn.room.initial-entries must be at least 1");
        }
        this.initialEntries = initialEntries;
    }

    @GetMapping("/incidents/{id}")
    String room(
            @PathVariable long id,
            @RequestParam(required = false) Long around,
            @RequestParam(required = false) Long earlier,
            Model model) {
        Actor actor = actor();
        Incident incident = header(id, actor, model);
        RoomWindows.Chunk chunk;
        try {
            // A link to one entry opens the room from a little before it when it is older than
            // the newest entries; a link to an entry this incident does not have opens it as usual.
            // "Show earlier" without JavaScript: the page again with the chunk before that entry.
            chunk = around != null
                    ? windows.around(id, around, initialEntries, AROUND_CONTEXT, actor)
                    : earlier != null
                            ? windows.through(id, earlier, initialEntries, initialEntries, actor)
                            : windows.newest(id, initialEntries, actor);
        } catch (InvalidInputException unknownEntry) {
            chunk = windows.newest(id, initialEntries, actor);
        }
        model.addAttribute("chunk", chunk);
        model.addAttribute("entries", chunk.entries());
        model.addAttribute(
                "present",
                people.participants(id, actor).stream()
                        .filter(Participant::present)
                        .toList());
        model.addAttribute("severities", severities.all());
        model.addAttribute("roles", IncidentRole.values());
        model.addAttribute("people", users.active());
        model.addAttribute("milestones", Milestone.values());
        model.addAttribute("zone", users.zoneOf(actor.userId()).getId());
        model.addAttribute("incident", incident);
        return "room/room";
    }

    @GetMapping("/incidents/{id}/header")
    String headerFragment(@PathVariable long id, Model model) {
        header(id, actor(), model);
        return "room/header :: header";
    }

    /**
     * The room's timeline read again (live changes, reconnects): from the oldest entry the page
     * shows ({@code from}) through the newest, or through {@code to} in a room opened at an old
     * entry, or the newest entries.
     */
    @GetMapping("/incidents/{id}/entries")
    String entriesFragment(
            @PathVariable long id,
            @RequestParam(required = false) Long from,
            @RequestParam(required = false) Long to,
            Model model) {
        Actor actor = actor();
        model.addAttribute(
                "chunk",
                from == null
                        ? windows.newest(id, initialEntries, actor)
                        : to == null
                                ? windows.from(id, from, initialEntries, actor)
                                : windows.range(id, from, to, actor));
        model.addAttribute("incidentId", id);
        return "room/entry :: window(chunk=${chunk}, incidentId=${incidentId})";
    }

    /** "Show earlier": the entries just before the oldest one shown, and the control for the next chunk. */
    @GetMapping("/incidents/{id}/entries/earlier")
    String earlier(@PathVariable long id, @RequestParam long before, Model model) {
        model.addAttribute("chunk", windows.before(id, before, initialEntries, actor()));
        model.addAttribute("incidentId", id);
        return "room/entry :: earlier(chunk=${chunk}, incidentId=${incidentId})";
    }

    @GetMapping(path = "/incidents/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable long id) {
        Actor actor = actor();
        incidents.get(id, actor);
        return rooms.subscribe(
                id,
                actor,
                LiveRooms.Format.WEB,
                List.of(SseEmitter.event().name("ready").data("connected")));
    }

    /** "Show later" in a room opened at an old entry: the entries just after the newest one shown. */
    @GetMapping("/incidents/{id}/entries/later")
    String later(@PathVariable long id, @RequestParam long after, Model model) {
        model.addAttribute("chunk", windows.later(id, after, initialEntries, actor()));
        model.addAttribute("incidentId", id);
        return "room/entry :: later(chunk=${chunk}, incidentId=${incidentId})";
    }

    @PostMapping("/incidents/{id}/timeline")
    String post(
            @PathVariable long id,
            @RequestParam String body,
            @RequestParam(required = false) String kind,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        TimelineEntry entry = timeline.post(id, new PostEntry(kind, body, null), actor());
        if (htmx != null) {
            model.addAttribute("e", entry);
            return "room/entry :: entry(e=${e})";
        }
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/status")
    String status(@PathVariable long id, @RequestParam String status) {
        incidents.changeStatus(id, IncidentStatus.parse(status), actor());
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/severity")
    String severity(@PathVariable long id, @RequestParam String severity) {
        incidents.update(id, IncidentUpdate.severity(severity), actor());
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/roles")
    String role(@PathVariable long id, @RequestParam String role, @RequestParam long userId) {
        people.assignRole(id, IncidentRole.parse(role), userId, actor());
        return "redirect:/incidents/" + id;
    }

    /** With htmx the room refreshes from the live stream; without, the page reloads. */
    /** Corrects a key timestamp, entered in the person's own time zone. */
    @PostMapping("/incidents/{id}/times")
    String times(@PathVariable long id, @RequestParam String milestone, @RequestParam String at) {
        Actor actor = actor();
        Milestone which = java.util.Arrays.stream(Milestone.values())
                .filter(m -> m.field().equals(milestone))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("milestone", "is not a key time"));
        Instant instant;
        try {
            instant =
                    LocalDateTime.parse(at).atZone(users.zoneOf(actor.userId())).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(milestone, "must be a date and time");
        }
        incidents.update(id, new IncidentUpdate(null, null, null, null, null, null, Map.of(which, instant)), actor);
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/entries/{entryId}/star")
    ResponseEntity<Void> star(
            @PathVariable long entryId,
            @RequestParam boolean starred,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        TimelineEntry entry = timeline.star(entryId, starred, actor());
        return afterAction(htmx, entryLink(entry));
    }

    @PostMapping("/entries/{entryId}/delete")
    ResponseEntity<Void> delete(
            @PathVariable long entryId, @RequestHeader(name = "HX-Request", required = false) String htmx) {
        TimelineEntry entry = timeline.delete(entryId, actor());
        return afterAction(htmx, "/incidents/" + entry.incidentId());
    }

    @GetMapping("/entries/{entryId}/edit")
    String editForm(@PathVariable long entryId, Model model) {
        Actor actor = actor();
        TimelineEntry entry =
                timeline.find(entryId, actor).orElseThrow(() -> new NotFoundException("Entry " + entryId));
        model.addAttribute("entry", entry);
        model.addAttribute("history", timeline.history(entryId, actor));
        return "room/edit";
    }

    @PostMapping("/entries/{entryId}/edit")
    String edit(@PathVariable long entryId, @RequestParam String body) {
        TimelineEntry entry = timeline.edit(entryId, body, actor());
        return "redirect:" + entryLink(entry);
    }

    /** The room opened at one entry, also when it is older than the newest entries the room shows. */
    static String entryLink(TimelineEntry entry) {
        return "/incidents/" + entry.incidentId() + "?around=" + entry.id() + "#entry-" + entry.id();
    }

    private static ResponseEntity<Void> afterAction(String htmx, String page) {
        return htmx != null
                ? ResponseEntity.noContent().build()
                : ResponseEntity.status(303).location(java.net.URI.create(page)).build();
    }

    private Incident header(long id, Actor actor, Model model) {
        Incident incident = incidents.get(id, actor);
        model.addAttribute("incident", incident);
        model.addAttribute("duration", Durations.human(incident.duration(clock.instant())));
        return incident;
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
