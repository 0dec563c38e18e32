package dev.cairn.incident;

import dev.cairn.identity.Actor;
import java.util.Map;

/**
 * Who may see an incident, as a SQL condition, for modules that list or count things attached to
 * incidents in one query: a private incident is visible to admins and to its members (its creator,
 * anyone who took part or held a role), every other incident to everyone. The same rule as {@link
 * Incidents#canView}, checked in the query rather than row by row.
 */
public final class IncidentVisibility {

    private IncidentVisibility() {}

    /**
     * The condition on the incidents row aliased {@code alias}; puts the named parameter
     * {@code viewer} into {@code params} when it needs one.
     */
    public static String condition(String alias, Actor actor, Map<String, Object> params) {
        if (!alias.matches("[a-z_]{1,20}")) {
            throw new IllegalArgumentException("alias " + alias);
        }
        if (actor.isAdmin()) {
            return "1 = 1";
        }
        params.put("viewer", actor.isSystem() ? -1L : actor.userId());
        return "(" + alias + ".type <> 'PRIVATE' or " + alias + ".created_by = :viewer"
                + " or exists (select 1 from incident_participants vp where vp.incident_id = " + alias
                + ".id and vp.user_id = :viewer)"
                + " or exists (select 1 from incident_roles vr where vr.incident_id = " + alias
                + ".id and vr.user_id = :viewer))";
    }
}
