package dev.cairn.timeline.internal;

import dev.cairn.identity.Actor;
import dev.cairn.incident.Incidents;
import dev.cairn.timeline.LiveEvent;
import dev.cairn.timeline.TimelineEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This node's open live connections, per incident. Each subscriber has its own bounded queue
 * drained by its own virtual thread, so a slow browser never delays the others; one that falls
 * too far behind is disconnected and its client reconnects and catches up. Each event is loaded
 * and rendered once per node, then checked against each subscriber's right to see the incident.
 */
@Component
public class LiveRooms {

    private static final Logger log = LoggerFactory.getLogger(LiveRooms.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final int QUEUE = 256;

    /** What a subscriber wants: HTML fragments for the web room, JSON for API clients. */
    public enum Format {
        WEB,
        API
    }

    /** Renders an event for one format; empty when there is nothing to send. */
    public interface Renderer {
        Optional<TimelineEntry> load(long entryId);

        Optional<SseEmitter.SseEventBuilder> render(
                LiveEvent event, Format format, Function<Long, Optional<TimelineEntry>> entries);
    }

    private final Map<Long, Set<Subscriber>> byIncident = new ConcurrentHashMap<>();
    private final Incidents incidents;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cairn-live-heartbeat").factory());
    private volatile Renderer renderer;

    LiveRooms(Incidents incidents, MeterRegistry meters) {
        this.incidents = incidents;
        Gauge.builder(
                        "cairn.live.subscribers",
                        byIncident,
                        m -> m.values().stream().mapToInt(Set::size).sum())
                .description("Open live (SSE) connections on this node")
                .register(meters);
        heartbeat.scheduleAtFixedRate(this::keepAlive, 15, 15, TimeUnit.SECONDS);
    }

    public void useRenderer(Renderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Opens a live connection; the caller has checked that the actor may see the incident. The
     * first events (a replay of what a reconnecting client missed, then "ready") go out before any
     * live one.
     */
    public SseEmitter subscribe(long incidentId, Actor actor, Format format, List<SseEmitter.SseEventBuilder> first) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(incidentId, actor, format, emitter);
        first.forEach(event -> subscriber.offer(event.build()));
        byIncident
                .computeIfAbsent(incidentId, k -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onTimeout(() -> remove(subscriber));
        emitter.onError(e -> remove(subscriber));
        Thread.ofVirtual().name("cairn-live-" + incidentId).start(subscriber::drain);
        return emitter;
    }

    /** Fans an event out to this node's subscribers of the incident. */
    public void deliver(LiveEvent event) {
        Set<Subscriber> subscribers = byIncident.get(event.incidentId());
        if (subscribers == null || subscribers.isEmpty() || renderer == null) {
            return;
        }
        Map<Long, Optional<TimelineEntry>> loaded = new ConcurrentHashMap<>();
        Function<Long, Optional<TimelineEntry>> entries = id -> loaded.computeIfAbsent(id, renderer::load);
        Map<Format, Optional<Set<DataWithMediaType>>> rendered = new ConcurrentHashMap<>();
        // Membership of a private incident can change while a room is open: check each time.
        boolean restricted = incidents.restricted(event.incidentId());
        for (Subscriber subscriber : subscribers) {
            if (restricted && !incidents.canView(event.incidentId(), subscriber.actor)) {
                subscriber.close();
                continue;
            }
            rendered.computeIfAbsent(
                            subscriber.format,
                            f -> renderer.render(event, f, entries).map(SseEmitter.SseEventBuilder::build))
                    .ifPresent(subscriber::offer);
        }
    }

    /** After a gap in delivery (e.g. the listener reconnected), every room reloads. */
    public void refreshAll() {
        Set<DataWithMediaType> refresh =
                SseEmitter.event().name("refresh").data("gap").build();
        byIncident.values().forEach(set -> set.forEach(s -> s.offer(refresh)));
    }

    public int subscribers() {
        return byIncident.values().stream().mapToInt(Set::size).sum();
    }

    private void keepAlive() {
        Set<DataWithMediaType> ping = SseEmitter.event().comment("keep-alive").build();
        byIncident.values().forEach(set -> set.forEach(s -> s.offer(ping)));
    }

    private void remove(Subscriber subscriber) {
        subscriber.closed = true;
        Set<Subscriber> set = byIncident.get(subscriber.incidentId);
        if (set != null) {
            set.remove(subscriber);
        }
    }

    /** Open connections delay shutdown by their timeout unless completed here. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        heartbeat.shutdownNow();
        byIncident.values().forEach(set -> set.forEach(Subscriber::close));
        byIncident.clear();
    }

    private static final class Subscriber {
        final long incidentId;
        final Actor actor;
        final Format format;
        final SseEmitter emitter;
        final BlockingQueue<Set<DataWithMediaType>> queue = new ArrayBlockingQueue<>(QUEUE);
        volatile boolean closed;

        Subscriber(long incidentId, Actor actor, Format format, SseEmitter emitter) {
            this.incidentId = incidentId;
            this.actor = actor;
            this.format = format;
            this.emitter = emitter;
        }

        void offer(Set<DataWithMediaType> event) {
            if (!closed && !queue.offer(event)) {
                log.info("event=live_subscriber_too_slow incident={} queue={}", incidentId, QUEUE);
                close();
            }
        }

        void close() {
            closed = true;
            emitter.complete();
        }

        void drain() {
            try {
                while (!closed) {
                    Set<DataWithMediaType> event = queue.poll(1, TimeUnit.SECONDS);
                    if (event != null) {
                        emitter.send(event);
                    }
                }
            } catch (IOException | IllegalStateException e) {
                closed = true;
                emitter.completeWithError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
