package dev.cairn.statuspage.web;

import dev.cairn.statuspage.Changes;
import dev.cairn.statuspage.PublicView;
import dev.cairn.statuspage.StatusPage;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The node's snapshot of the public page. Requests only read it, never the database. It is rebuilt
 * right after a change commits on this node; a background check reads the page's version in the
 * database at most once a second (so a change on another node shows within about a second) and
 * rebuilds at least every {@code cairn.status-page.refresh-seconds} (uptime and maintenance move
 * with time). If the database is slow or down, only that check waits: the page keeps answering
 * from the snapshot it has.
 */
@Component
class Snapshots {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final StatusPage page;
    private final PublicRenderer renderer;
    private final Clock clock;
    private final Duration refresh;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "status-page-snapshot");
        thread.setDaemon(true);
        return thread;
    });

    Snapshots(
            StatusPage page,
            PublicRenderer renderer,
            Changes changes,
            Clock clock,
            @Value("${cairn.status-page.refresh-seconds:30}") long refreshSeconds) {
        this.page = page;
        this.renderer = renderer;
        this.clock = clock;
        this.refresh = Duration.ofSeconds(refreshSeconds);
        changes.onCommit(this::rebuildQuietly);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        ticker.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }

    /** The snapshot to answer from; built here only for the very first request of the node. */
    Snapshot get() {
        Snapshot snapshot = current.get();
        if (snapshot != null) {
            return snapshot;
        }
        synchronized (this) {
            snapshot = current.get();
            return snapshot != null ? snapshot : rebuild();
        }
    }

    private void check() {
        try {
            Snapshot snapshot = current.get();
            boolean stale = snapshot == null
                    || !clock.instant().isBefore(snapshot.view().builtAt().plus(refresh))
                    || clock.instant().isBefore(snapshot.view().builtAt())
                    || page.version() != snapshot.view().version();
            if (stale) {
                rebuild();
            }
        } catch (RuntimeException e) {
            log.warn("status_page.snapshot check_failed={} keeping=previous", e.toString());
        }
    }

    private void rebuildQuietly() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.warn("status_page.snapshot rebuild_failed={}", e.toString());
        }
    }

    private synchronized Snapshot rebuild() {
        PublicView view = page.publicView();
        Snapshot next = renderer.render(view);
        current.set(next);
        return next;
    }
}
