package dev.cairn.oncall.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Users;
import dev.cairn.oncall.Layer;
import dev.cairn.oncall.LayerShifts;
import dev.cairn.oncall.Restriction;
import dev.cairn.oncall.Rotation;
import dev.cairn.oncall.ScheduleView;
import dev.cairn.oncall.Schedules;
import dev.cairn.oncall.Shift;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "On-call", description = "Schedules and who is on call")
class SchedulesApi {

    private final Schedules schedules;
    private final Users users;
    private final Clock clock;

    SchedulesApi(Schedules schedules, Users users, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.clock = clock;
    }

    /** A layer as clients send it; restrictions may be left out. */
    record LayerRequest(
            String name,
            List<Long> participants,
            Instant start,
            LocalTime handoff,
            Rotation rotation,
            List<Restriction> restrictions) {
        Layer layer() {
            return new Layer(
                    name, participants, start, handoff, rotation, restrictions == null ? List.of() : restrictions);
        }
    }

    record ScheduleRequest(String name, String timeZone, Long teamId, List<LayerRequest> layers) {
        List<Layer> toLayers() {
            if (layers == null) {
                throw new InvalidInputException("layers", "is required (a list of rotations)");
            }
            return layers.stream().map(LayerRequest::layer).toList();
        }
    }

    record OverrideRequest(Long userId, Long replacesUserId, Instant start, Instant end) {}

    /** Who is on call at an instant, and which layer or override decided it. */
    record OnCallAnswer(Instant at, Long userId, String name, String source) {}

    record ShiftsAnswer(Instant from, Instant to, List<Shift> shifts, List<LayerShifts> layers) {}

    @GetMapping
    @Operation(summary = "Schedules by name")
    List<ScheduleView> list() {
        return schedules.all();
    }

    @PostMapping
    @Operation(summary = "Create a schedule: a time zone and layers of rotations (later layers override earlier ones)")
    ResponseEntity<ScheduleView> create(@RequestBody ScheduleRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        ScheduleView created =
                schedules.create(request.name(), request.timeZone(), request.teamId(), request.toLayers(), actor());
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    ScheduleView get(@PathVariable long id) {
        return schedules.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a schedule's name, time zone, team and layers (overrides stay)")
    ScheduleView replace(@PathVariable long id, @RequestBody ScheduleRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        return schedules.update(id, request.name(), request.timeZone(), request.teamId(), request.toLayers(), actor());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        schedules.delete(id, actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/on-call")
    @Operation(summary = "Who is on call at an instant (default: now)")
    OnCallAnswer onCall(@PathVariable long id, @RequestParam(required = false) Instant at) {
        Instant when = at == null ? clock.instant() : at;
        return schedules
                .onCall(id, when)
                .map(on -> new OnCallAnswer(
                        when,
                        on.userId(),
                        users.find(on.userId()).map(u -> u.name()).orElse("unknown"),
                        on.source()))
                .orElse(new OnCallAnswer(when, null, null, null));
    }

    @GetMapping("/{id}/shifts")
    @Operation(summary = "The final shifts and each layer's shifts over a range (default: the next 14 days)")
    ShiftsAnswer shifts(
            @PathVariable long id,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        Instant start = from == null ? clock.instant().truncatedTo(ChronoUnit.HOURS) : from;
        Instant end = to == null ? start.plus(14, ChronoUnit.DAYS) : to;
        return new ShiftsAnswer(start, end, schedules.shifts(id, start, end), schedules.layerShifts(id, start, end));
    }

    @PostMapping("/{id}/overrides")
    @Operation(summary = "Someone covers a range: whoever is on then, or only replacesUserId's shifts")
    ResponseEntity<ScheduleView> addOverride(@PathVariable long id, @RequestBody OverrideRequest request) {
        if (request == null || request.userId() == null) {
            throw new InvalidInputException("userId", "is required");
        }
        ScheduleView view = schedules.addOverride(
                id, request.userId(), request.replacesUserId(), request.start(), request.end(), actor());
        return ResponseEntity.status(201).body(view);
    }

    @DeleteMapping("/{id}/overrides/{overrideId}")
    ScheduleView removeOverride(@PathVariable long id, @PathVariable long overrideId) {
        return schedules.removeOverride(id, overrideId, actor());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
