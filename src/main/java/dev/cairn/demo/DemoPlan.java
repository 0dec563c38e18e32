package dev.cairn.demo;

import dev.cairn.identity.Role;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import java.time.Instant;
import java.util.List;

/**
 * Everything the demo will create, as plain values and before anything touches the database, so
 * that the same seed and the same "now" can be compared for equality and the writing stays dumb.
 * People, teams and services are referred to by their e-mail or name.
 */
record DemoPlan(List<Person> people, List<Team> teams, List<Service> services, List<Incident> incidents) {

    record Person(String email, String name, String timeZone, Role role) {}

    record Team(String name, String description, List<String> memberEmails) {}

    /** {@code experts}: the go-to people, most relied upon first. */
    record Service(
            String name, String description, String ownerTeam, int tier, List<Link> links, List<String> experts) {}

    record Link(String label, String url) {}

    record Incident(
            String title,
            String summary,
            String severity,
            IncidentType type,
            List<String> services,
            String declaredBy,
            Instant impactStartedAt,
            Instant detectedAt,
            Instant declaredAt,
            List<Step> steps) {

        /** The status the incident is left in. */
        IncidentStatus finalStatus() {
            IncidentStatus status = IncidentStatus.INVESTIGATING;
            for (Step step : steps) {
                if (step instanceof ChangeStatus change) {
                    status = change.status();
                }
            }
            return status;
        }
    }

    /** One thing that happens in an incident, at a time, done by someone (an e-mail). */
    sealed interface Step {
        Instant at();

        String by();
    }

    record Join(Instant at, String by, String person, String reason) implements Step {}

    record Leave(Instant at, String by, String person) implements Step {}

    record AssignRole(Instant at, String by, IncidentRole role, String person) implements Step {}

    record ChangeStatus(Instant at, String by, IncidentStatus status) implements Step {}

    record ChangeSeverity(Instant at, String by, String severity) implements Step {}

    /** {@code kind}: message, note or update; {@code starred}: a key moment. */
    record Post(Instant at, String by, String kind, String body, boolean starred) implements Step {}
}
