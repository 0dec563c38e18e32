package dev.cairn.notification.internal;

import dev.cairn.identity.Actor;
import dev.cairn.identity.TokenScope;
import dev.cairn.shared.ForbiddenException;

/**
 * Who may see and change a person's notification settings: the person themself, whatever their
 * role (a viewer must be reachable too), and admins. A read-only token changes nothing.
 */
public final class Access {

    private Access() {}

    public static void requireRead(Actor actor, long userId) {
        if (actor.userId() != userId && !actor.isAdmin()) {
            throw new ForbiddenException("You may only see your own notification settings");
        }
    }

    public static void requireManage(Actor actor, long userId) {
        if (actor.scope() == TokenScope.READ) {
            throw new ForbiddenException("This token may only read");
        }
        if (actor.userId() != userId && !actor.isAdmin()) {
            throw new ForbiddenException("You may only change your own notification settings");
        }
    }
}
