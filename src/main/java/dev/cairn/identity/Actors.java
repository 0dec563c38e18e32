package dev.cairn.identity;

import dev.cairn.shared.ForbiddenException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request. */
public final class Actors {

    private Actors() {}

    public static Optional<Actor> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        return Optional.empty();
    }

    /** The current actor, or {@link Actor#SYSTEM} outside a request (start-up, background work). */
    public static Actor currentOrSystem() {
        return current().orElse(Actor.SYSTEM);
    }

    public static void requireWrite(Actor actor) {
        if (!actor.canWrite()) {
            throw new ForbiddenException(
                    actor.scope() == TokenScope.READ ? "This token may only read" : "Viewers may only read");
        }
    }

    public static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only admins may do this");
        }
        if (actor.scope() == TokenScope.READ) {
            throw new ForbiddenException("This token may only read");
        }
    }

    /** Admins may read admin-only data with any token scope. */
    public static void requireAdminRead(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only admins may see this");
        }
    }
}
