package dev.cairn.insights;

import java.time.Duration;
import java.time.Instant;

/**
 * What every view is narrowed by: incidents declared in {@code [from, to)}, optionally of one team
 * (owning one of the incident's services; for load, the team's members), one service and one
 * severity. Drills are left out unless {@code drills} asks for them alone.
 */
public record InsightsFilter(Instant from, Instant to, Long team, Long service, String severity, boolean drills) {

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The SQL conditions on a facts table aliased {@code alias} (which has incident_id, declared_at, type, severity). */
    String where(String alias, boolean teamByIncident) {
        return where(alias, teamByIncident, "declared_at");
    }

    /** The same conditions with the range applied to another time column, such as resolved_at. */
    String where(String alias, boolean teamByIncident, String timeColumn) {
        String t = alias + "." + timeColumn;
        StringBuilder sql = new StringBuilder(
                t + " >= :from and " + t + " < :to and " + alias + ".type " + (drills ? "= 'drill'" : "<> 'drill'"));
        if (severity != null) {
            sql.append(" and ").append(alias).append(".severity = :severity");
        }
        if (service != null) {
            sql.append(" and exists (select 1 from insights_incident_services fs where fs.incident_id = ")
                    .append(alias)
                    .append(".incident_id and fs.service_id = :service)");
        }
        if (team != null && teamByIncident) {
            sql.append(" and exists (select 1 from insights_incident_services ft where ft.incident_id = ")
                    .append(alias)
                    .append(".incident_id and ft.team_id = :team)");
        }
        return sql.toString();
    }

    org.springframework.jdbc.core.namedparam.MapSqlParameterSource params() {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("from", dev.cairn.shared.Times.db(from))
                .addValue("to", dev.cairn.shared.Times.db(to))
                .addValue("severity", severity)
                .addValue("service", service)
                .addValue("team", team);
    }
}
