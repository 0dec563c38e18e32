package dev.cairn.timeline.internal;

import dev.cairn.timeline.LiveEvent;

/**
 * Carries live events to every node's open rooms, only once the change is committed. On
 * PostgreSQL through NOTIFY (delivered at commit, to every node); on H2 within this process.
 */
public interface LiveBus {

    void publish(LiveEvent event);
}
