package dev.cairn.timeline.web;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incidents;
import dev.cairn.timeline.LiveEvent;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import dev.cairn.timeline.internal.LiveRooms;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Turns live events into SSE messages: the entry's HTML for web rooms (the same fragment the page
 * renders), its JSON for API clients, and short signals for changes that need a refresh.
 */
@Component
class LiveRenderer implements LiveRooms.Renderer {

    private final Timeline timeline;
    private final Incidents incidents;
    private final ITemplateEngine templates;

    LiveRenderer(Timeline timeline, Incidents incidents, ITemplateEngine templates, LiveRooms rooms) {
        this.timeline = timeline;
        this.incidents = incidents;
        this.templates = templates;
        rooms.useRenderer(this);
    }

    @Override
    public Optional<TimelineEntry> load(long entryId) {
        return timeline.find(entryId, Actor.SYSTEM);
    }

    @Override
    public Optional<SseEmitter.SseEventBuilder> render(
            LiveEvent event, LiveRooms.Format format, Function<Long, Optional<TimelineEntry>> entries) {
        return switch (event.type()) {
            case ENTRY ->
                entries.apply(event.entryId()).map(entry -> {
                    SseEmitter.SseEventBuilder builder =
                            SseEmitter.event().id(String.valueOf(entry.id())).name("entry");
                    return format == LiveRooms.Format.API
                            ? builder.data(entry, MediaType.APPLICATION_JSON)
                            : lines(builder, html(entry));
                });
            case ENTRY_CHANGED ->
                format == LiveRooms.Format.API
                        ? entries.apply(event.entryId())
                                .map(entry -> SseEmitter.event()
                                        .name("entry-changed")
                                        .data(entry, MediaType.APPLICATION_JSON))
                        : Optional.of(SseEmitter.event().name("entry-changed").data(String.valueOf(event.entryId())));
            case INCIDENT ->
                format == LiveRooms.Format.API
                        ? incidents
                                .find(event.incidentId(), Actor.SYSTEM)
                                .map(i -> SseEmitter.event().name("incident").data(i, MediaType.APPLICATION_JSON))
                        : Optional.of(SseEmitter.event().name("incident").data(String.valueOf(event.incidentId())));
        };
    }

    private String html(TimelineEntry entry) {
        return templates.process(
                "room/entry", Set.of("entry(e)"), new Context(java.util.Locale.ROOT, Map.of("e", entry)));
    }

    /** One SSE data line per text line: the client joins them with newlines again. */
    private static SseEmitter.SseEventBuilder lines(SseEmitter.SseEventBuilder builder, String text) {
        for (String line : text.replace("\r", "").split("\n", -1)) {
            builder.data(line);
        }
        return builder;
    }
}
