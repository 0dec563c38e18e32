package dev.cairn.escalation;

import dev.cairn.escalation.internal.PageStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Problems with paging itself that admins must see (a step with nobody to page, a page nobody
 * acknowledged): raised by {@link Paging} in the firing transaction, listed on /pages and in the
 * API, and sent to every admin through their contact methods.
 */
@Service
public class AdminAlerts {

    private static final Logger log = LoggerFactory.getLogger(AdminAlerts.class);

    private final PageStore store;
    private final Users users;
    private final Notifications notifications;
    private final Audit audit;
    private final Clock clock;

    AdminAlerts(PageStore store, Users users, Notifications notifications, Audit audit, Clock clock) {
        this.store = store;
        this.users = users;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    public List<AdminAlert> list(boolean openOnly, Actor actor) {
        Actors.requireAdminRead(actor);
        return store.adminAlerts(openOnly, 200);
    }

    @Transactional
    public void clear(long id, Actor actor) {
        Actors.requireAdmin(actor);
        if (store.clearAdminAlert(id, actor.userId(), clock.instant())) {
            audit.record(actor, "admin_alert.cleared", "admin_alert", id, "");
        }
    }

    void raise(String kind, PageView page, String message) {
        long alertId = store.raise(kind, page.id(), message, clock.instant());
        log.warn("event=paging_admin_alert kind={} page={} message=\"{}\"", kind, page.id(), message);
        for (UserView admin : users.active()) {
            if (admin.role() == Role.ADMIN) {
                notifications.notify(
                        admin.id(),
                        new Notice(
                                "admin-alert:" + alertId,
                                "admin-alert",
                                "[Cairn] Paging problem: " + page.title(),
                                message,
                                notifications.absolute("/pages/" + page.id()),
                                null,
                                null));
            }
        }
    }
}
