package dev.cairn.identity;

import java.io.Serializable;
import java.security.Principal;

/**
 * Who is acting: a signed-in person (scope {@code null}) or an API token acting for its owner.
 * This is the Spring Security principal of every authenticated request.
 */
public record Actor(long userId, String email, String name, Role role, TokenScope scope)
        implements Principal, Serializable {

    /** Cairn itself (start-up, demo data, scheduled work). */
    public static final Actor SYSTEM = new Actor(0, "system", "Cairn", Role.ADMIN, null);

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean canWrite() {
        return role != Role.VIEWER && scope != TokenScope.READ;
    }

    public boolean isSystem() {
        return userId == 0;
    }

    @Override
    public String getName() {
        return email;
    }
}
