package dev.cairn.demo;

import dev.cairn.action.ActionItem;
import dev.cairn.action.ActionItems;
import dev.cairn.action.ChangeAction;
import dev.cairn.action.ProposeAction;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.TimeTravel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Action items on resolved demo incidents, written when each was resolved, in every
 * decision state: undecided, do (some done, some overdue, some due later), won't do, later — so
 * the card and {@code /actions} are not empty. Deterministic: the same incidents get the same items.
 */
@Component
class DemoActions {

    private static final List<String> TITLES = List.of(
            "Alert on connection pool saturation before requests queue",
            "Add a runbook step for failing over the primary database",
            "Make the deploy pipeline stop on a failed canary",
            "Shorten the DNS TTL of the public endpoints",
            "Page the owning team, not the platform team, for queue lag",
            "Load-test the importer with a retry storm",
            "Write down who can approve a rollback at night",
            "Remove the manual cache warm-up after deploys");

    private final ActionItems actions;
    private final Incidents incidents;
    private final Users users;
    private final Teams teams;

    DemoActions(ActionItems actions, Incidents incidents, Users users, Teams teams) {
        this.actions = actions;
        this.incidents = incidents;
        this.users = users;
        this.teams = teams;
    }

    /** Returns how many items were written. */
    int write(List<Long> incidentIds, Instant now) {
        List<Incident> resolved = incidentIds.stream()
                .map(id -> incidents.get(id, Actor.SYSTEM))
                .filter(i -> i.type() == IncidentType.DEFAULT && i.resolvedAt() != null && i.createdBy() != null)
                .filter(i -> i.status() == IncidentStatus.RESOLVED || i.status() == IncidentStatus.CLOSED)
                .toList();
        // Every eighth resolved incident across the whole history, so that each month of the
        // learning-health chart has items, not only the first weeks.
        resolved = java.util.stream.IntStream.range(0, resolved.size())
                .filter(k -> k % 8 == 0)
                .mapToObj(resolved::get)
                .toList();
        List<UserView> owners = teams.all().stream()
                .flatMap(t -> t.members().stream().limit(2))
                .filter(u -> u.active() && u.role() != dev.cairn.identity.Role.VIEWER)
                .distinct()
                .toList();
        if (owners.isEmpty()) {
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int n = 0;
        for (Incident incident : resolved) {
            UserView creator = users.get(incident.createdBy());
            Actor by = new Actor(creator.id(), creator.email(), creator.name(), creator.role(), null);
            // At resolution: the incident's timeline keeps to its own time (demo data is checked for it).
            Instant at = incident.resolvedAt();
            for (int k = 0; k < 3; k++, n++) {
                String title = TITLES.get(n % TITLES.size());
                UserView owner = owners.get(n % owners.size());
                int shape = n % 6;
                TimeTravel.at(at, () -> {
                    ActionItem item = actions.propose(
                            incident.id(),
                            new ProposeAction(title, "Came up in the review of " + incident.reference() + "."),
                            by);
                    switch (shape) {
                        case 0 -> decide(incident, item, by, "do", owner.id(), today.minusDays(5), null, null);
                        case 1 -> {
                            decide(incident, item, by, "do", owner.id(), today.plusDays(10), null, null);
                            actions.change(incident.id(), item.id(), ChangeAction.done(true), by);
                        }
                        case 2 ->
                            decide(
                                    incident,
                                    item,
                                    by,
                                    "wont_do",
                                    null,
                                    null,
                                    null,
                                    "The service is retired next quarter.");
                        case 3 ->
                            decide(
                                    incident,
                                    item,
                                    by,
                                    "later",
                                    null,
                                    null,
                                    today.plusDays(45),
                                    "After the storage migration.");
                        case 4 -> decide(incident, item, by, "do", owner.id(), today.plusDays(21), null, null);
                        default -> {}
                    }
                });
            }
        }
        return n;
    }

    private void decide(
            Incident incident,
            ActionItem item,
            Actor by,
            String decision,
            Long owner,
            LocalDate due,
            LocalDate revisit,
            String reason) {
        actions.change(
                incident.id(),
                item.id(),
                ChangeAction.decide(
                        decision,
                        reason,
                        owner,
                        due == null ? null : due.toString(),
                        revisit == null ? null : revisit.toString()),
                by);
    }
}
