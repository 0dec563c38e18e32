package dev.cairn.timeline.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.timeline.PostEntry;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import dev.cairn.timeline.internal.LiveRooms;
import dev.cairn.timeline.internal.TimelineStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Timeline", description = "An incident's timeline and its live stream")
class TimelineApi {

    private final Timeline timeline;
    private final Incidents incidents;
    private final LiveRooms rooms;

    TimelineApi(Timeline timeline, Incidents incidents, LiveRooms rooms) {
        this.timeline = timeline;
        this.incidents = incidents;
        this.rooms = rooms;
    }

    record PostRequest(String kind, String body, Instant occurredAt) {}

    record EntryPatch(String body, Boolean starred) {}

    @GetMapping("/incidents/{id}/timeline")
    @Operation(summary = "The timeline, newest first, by cursor")
    CursorPage<TimelineEntry> list(
            @PathVariable long id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return timeline.page(id, cursor, CursorPage.limit(limit), actor());
    }

    @PostMapping("/incidents/{id}/timeline")
    @Operation(summary = "Post a message, note or update")
    ResponseEntity<TimelineEntry> post(@PathVariable long id, @RequestBody PostRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        TimelineEntry entry =
                timeline.post(id, new PostEntry(request.kind(), request.body(), request.occurredAt()), actor());
        return ResponseEntity.created(URI.create("/api/v1/timeline/" + entry.id()))
                .body(entry);
    }

    @GetMapping(path = "/incidents/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Live stream (Server-Sent Events)",
            description = "Events: ready, entry (a new entry as JSON), entry-changed, incident. Send Last-Event-ID to"
                    + " receive the entries missed since that id.")
    SseEmitter stream(
            @PathVariable long id, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Actor actor = actor();
        incidents.get(id, actor);
        List<SseEmitter.SseEventBuilder> first = new java.util.ArrayList<>();
        if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
            for (TimelineEntry missed : timeline.after(id, Long.parseLong(lastEventId), actor)) {
                first.add(SseEmitter.event()
                        .id(String.valueOf(missed.id()))
                        .name("entry")
                        .data(missed, MediaType.APPLICATION_JSON));
            }
        }
        first.add(SseEmitter.event().name("ready").data(Map.of("incidentId", id), MediaType.APPLICATION_JSON));
        SseEmitter emitter = rooms.subscribe(id, actor, LiveRooms.Format.API, first);
        return emitter;
    }

    @GetMapping("/timeline/{entryId}")
    @Operation(summary = "One timeline entry")
    TimelineEntry entry(@PathVariable long entryId) {
        return timeline.find(entryId, actor())
                .orElseThrow(() -> new dev.cairn.shared.NotFoundException("Entry " + entryId));
    }

    @PatchMapping("/timeline/{entryId}")
    @Operation(summary = "Edit the text (history is kept) or star it as a key moment")
    TimelineEntry patch(@PathVariable long entryId, @RequestBody EntryPatch request) {
        if (request == null || (request.body() == null && request.starred() == null)) {
            throw new InvalidInputException("body", "send body and/or starred");
        }
        TimelineEntry entry = null;
        if (request.body() != null) {
            entry = timeline.edit(entryId, request.body(), actor());
        }
        if (request.starred() != null) {
            entry = timeline.star(entryId, request.starred(), actor());
        }
        return entry;
    }

    @DeleteMapping("/timeline/{entryId}")
    @Operation(summary = "Delete an entry softly: it keeps its place, without its text")
    TimelineEntry delete(@PathVariable long entryId) {
        return timeline.delete(entryId, actor());
    }

    @GetMapping("/timeline/{entryId}/history")
    @Operation(summary = "Earlier versions of an edited entry")
    List<TimelineStore.Revision> history(@PathVariable long entryId) {
        return timeline.history(entryId, actor());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
