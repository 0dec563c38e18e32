package dev.cairn.incident.internal;

import dev.cairn.catalog.Services;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Milestone;
import dev.cairn.incident.Participant;
import dev.cairn.incident.internal.IncidentStore.ParticipantRow;
import dev.cairn.incident.internal.IncidentStore.RoleRow;
import dev.cairn.incident.internal.IncidentStore.Row;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Turns stored rows into incidents as readers see them: with service and people names, batched. */
@Component
public class IncidentAssembler {

    private final IncidentStore store;
    private final Users users;
    private final Services services;

    IncidentAssembler(IncidentStore store, Users users, Services services) {
        this.store = store;
        this.users = users;
        this.services = services;
    }

    public List<Incident> assemble(List<Row> rows) {
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<Long>> serviceIds = store.serviceIds(ids);
        Map<Long, List<RoleRow>> roles = store.roles(ids);
        Map<Long, UserView> people = users.byIds(roles.values().stream()
                .flatMap(List::stream)
                .map(RoleRow::userId)
                .collect(Collectors.toSet()));
        // One query for every service named, not one (plus its links and teams) per service.
        Map<Long, String> serviceNames = services.names(
                serviceIds.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        return rows.stream()
                .map(row -> new Incident(
                        row.id(),
                        Incident.reference(row.id()),
                        row.title(),
                        row.summary(),
                        row.severity(),
                        row.status(),
                        row.type(),
                        row.createdBy(),
                        row.times().get(Milestone.IMPACT_STARTED),
                        row.times().get(Milestone.DETECTED),
                        row.times().get(Milestone.DECLARED),
                        row.times().get(Milestone.ACKNOWLEDGED),
                        row.times().get(Milestone.MITIGATED),
                        row.times().get(Milestone.RESOLVED),
                        row.closedAt(),
                        row.updatedAt(),
                        serviceIds.getOrDefault(row.id(), List.of()).stream()
                                .map(s -> new Incident.ServiceRef(s, serviceNames.getOrDefault(s, "#" + s)))
                                .toList(),
                        roles.getOrDefault(row.id(), List.of()).stream()
                                .map(r -> IncidentStore.holder(r, nameOf(people, r.userId())))
                                .toList()))
                .toList();
    }

    private static String nameOf(Map<Long, UserView> people, long userId) {
        UserView person = people.get(userId);
        return person == null ? "unknown" : person.name();
    }

    public List<Participant> participants(List<ParticipantRow> rows) {
        Map<Long, UserView> people =
                users.byIds(rows.stream().map(ParticipantRow::userId).toList());
        return rows.stream().map(r -> r.named(nameOf(people, r.userId()))).toList();
    }
}
