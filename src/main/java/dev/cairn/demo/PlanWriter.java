package dev.cairn.demo;

import dev.cairn.catalog.NewService;
import dev.cairn.catalog.ServiceLink;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.demo.DemoPlan.AssignRole;
import dev.cairn.demo.DemoPlan.ChangeSeverity;
import dev.cairn.demo.DemoPlan.ChangeStatus;
import dev.cairn.demo.DemoPlan.Join;
import dev.cairn.demo.DemoPlan.Leave;
import dev.cairn.demo.DemoPlan.Post;
import dev.cairn.demo.DemoPlan.Step;
import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.PolicyInput;
import dev.cairn.identity.Actor;
import dev.cairn.identity.NewUser;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentUpdate;
import dev.cairn.incident.Incidents;
import dev.cairn.oncall.Layer;
import dev.cairn.oncall.Rotation;
import dev.cairn.oncall.Schedules;
import dev.cairn.shared.TimeTravel;
import dev.cairn.timeline.PostEntry;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a plan through the modules' public APIs, as the people in it, each call "as if" at its
 * planned time, so every rule, event, audit record and timeline entry is the real thing. People,
 * teams and services that already exist (same e-mail or name) are reused rather than duplicated.
 */
@Component
class PlanWriter {

    /** The one password of every demo person: demo data only, never for a real installation. */
    static final String PASSWORD = "demo-password-123";

    private final Users users;
    private final Teams teams;
    private final Services services;
    private final Incidents incidents;
    private final IncidentPeople roles;
    private final Timeline timeline;
    private final dev.cairn.review.ReviewWorkflow reviews;
    private final TransactionTemplate transactions;
    private final Schedules schedules;
    private final EscalationPolicies policies;
    private final ReviewRotationDemo rotation;

    PlanWriter(
            Users users,
            Teams teams,
            Services services,
            Incidents incidents,
            IncidentPeople roles,
            Timeline timeline,
            TransactionTemplate transactions,
            Schedules schedules,
            EscalationPolicies policies,
            dev.cairn.review.ReviewWorkflow reviews,
            ReviewRotationDemo rotation) {
        this.reviews = reviews;
        this.rotation = rotation;
        this.schedules = schedules;
        this.policies = policies;
        this.users = users;
        this.teams = teams;
        this.services = services;
        this.incidents = incidents;
        this.roles = roles;
        this.timeline = timeline;
        this.transactions = transactions;
    }

    /** Writes the plan; the start of the first incident is when people, teams and services appear. */
    Written write(DemoPlan plan, Instant setUpAt) {
        Map<String, Actor> people = new HashMap<>();
        Map<String, Long> teamIds = new HashMap<>();
        Map<String, Long> serviceIds = new HashMap<>();
        TimeTravel.at(setUpAt, () -> {
            plan.people().forEach(p -> people.put(p.email(), actor(person(p))));
            plan.teams().forEach(t -> teamIds.put(t.name(), team(t, people)));
            plan.services().forEach(s -> serviceIds.put(s.name(), service(s, teamIds)));
            plan.teams().forEach(t -> onCall(t, plan, people, teamIds, serviceIds, setUpAt));
            rotation.volunteers(people.values());
        });
        List<Long> ids = new ArrayList<>();
        int posts = 0;
        for (DemoPlan.Incident incident : plan.incidents()) {
            ids.add(transactions.execute(tx -> incident(incident, people, serviceIds)));
            posts += (int)
                    incident.steps().stream().filter(Post.class::isInstance).count();
        }
        transactions.executeWithoutResult(tx -> rotation.history(ids, people.values(), ids.size()));
        return new Written(
                people.size(), teamIds.size(), serviceIds.size(), List.copyOf(ids), posts, Map.copyOf(people));
    }

    record Written(int people, int teams, int services, List<Long> incidentIds, int posts, Map<String, Actor> actors) {}

    private long incident(DemoPlan.Incident plan, Map<String, Actor> people, Map<String, Long> serviceIds) {
        DeclareIncident declare = new DeclareIncident(
                plan.title(),
                plan.summary(),
                plan.severity(),
                plan.type(),
                plan.services().stream().map(serviceIds::get).toList(),
                plan.impactStartedAt(),
                plan.detectedAt());
        long id = TimeTravel.at(
                plan.declaredAt(),
                () -> incidents.declare(declare, people.get(plan.declaredBy())).id());
        for (Step step : plan.steps()) {
            TimeTravel.at(step.at(), () -> apply(id, step, people));
        }
        return id;
    }

    private void apply(long id, Step step, Map<String, Actor> people) {
        Actor by = people.get(step.by());
        switch (step) {
            case Join join -> roles.join(id, people.get(join.person()).userId(), join.reason(), by);
            case Leave leave -> roles.leave(id, people.get(leave.person()).userId(), by);
            case AssignRole assign ->
                roles.assignRole(id, assign.role(), people.get(assign.person()).userId(), by);
            case ChangeStatus change -> {
                if (change.status() == dev.cairn.incident.IncidentStatus.CLOSED) {
                    // Closing waits for a required review: the demo's closed incidents have a published one.
                    reviews.publishHistorical(id, "What we learned is in the story above.", by);
                }
                incidents.changeStatus(id, change.status(), by);
            }
            case ChangeSeverity change -> incidents.update(id, IncidentUpdate.severity(change.severity()), by);
            case Post post -> {
                TimelineEntry entry = timeline.post(id, new PostEntry(post.kind(), post.body(), null), by);
                if (post.starred()) {
                    timeline.star(entry.id(), true, by);
                }
            }
        }
    }

    private UserView person(DemoPlan.Person person) {
        return users.findByEmail(person.email())
                .orElseGet(() -> users.create(
                                new NewUser(person.email(), person.name(), person.timeZone(), person.role(), PASSWORD),
                                Actor.SYSTEM)
                        .user());
    }

    private long team(DemoPlan.Team team, Map<String, Actor> people) {
        long id = teams.all().stream()
                .filter(t -> t.name().equalsIgnoreCase(team.name()))
                .map(TeamView::id)
                .findFirst()
                .orElseGet(() -> teams.create(team.name(), team.description(), Actor.SYSTEM)
                        .id());
        team.memberEmails().forEach(e -> teams.addMember(id, people.get(e).userId(), Actor.SYSTEM));
        return id;
    }

    private long service(DemoPlan.Service service, Map<String, Long> teamIds) {
        return services.all().stream()
                .filter(s -> s.name().equalsIgnoreCase(service.name()))
                .map(ServiceView::id)
                .findFirst()
                .orElseGet(() -> services.create(
                                new NewService(
                                        service.name(),
                                        service.description(),
                                        teamIds.get(service.ownerTeam()),
                                        service.tier(),
                                        service.links().stream()
                                                .map(l -> new ServiceLink(l.label(), l.url()))
                                                .toList()),
                                Actor.SYSTEM)
                        .id());
    }

    /**
     * Each team's on-call: a weekly rotation of its responders (hand-off Monday 09:00 in the first
     * one's zone), and an escalation policy for the team's services: whoever is on call, then the
     * whole team after 15 minutes, twice round. Skipped when the team already has them.
     */
    private void onCall(
            DemoPlan.Team team,
            DemoPlan plan,
            Map<String, Actor> people,
            Map<String, Long> teamIds,
            Map<String, Long> serviceIds,
            Instant at) {
        List<Actor> responders = team.memberEmails().stream()
                .map(people::get)
                .filter(Actor::canWrite)
                .toList();
        String name = team.name() + " on call";
        if (responders.isEmpty()
                || schedules.all().stream().anyMatch(s -> s.name().equalsIgnoreCase(name))) {
            return;
        }
        String zone = users.get(responders.getFirst().userId()).timeZone();
        Instant monday = at.atZone(java.time.ZoneId.of(zone))
                .toLocalDate()
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                .atTime(9, 0)
                .atZone(java.time.ZoneId.of(zone))
                .toInstant();
        long schedule = schedules
                .create(
                        name,
                        zone,
                        teamIds.get(team.name()),
                        List.of(new Layer(
                                "Weekly",
                                responders.stream().map(Actor::userId).toList(),
                                monday,
                                java.time.LocalTime.of(9, 0),
                                Rotation.weekly(),
                                List.of())),
                        Actor.SYSTEM)
                .id();
        List<Long> owned = plan.services().stream()
                .filter(s -> s.ownerTeam().equals(team.name()))
                .map(s -> serviceIds.get(s.name()))
                .toList();
        policies.create(
                new PolicyInput(
                        team.name(),
                        "Whoever is on call for " + team.name() + ", then the whole team.",
                        teamIds.get(team.name()),
                        1,
                        List.of(
                                new PolicyInput.StepInput(
                                        15, List.of(new PolicyInput.TargetInput("schedule", schedule))),
                                new PolicyInput.StepInput(
                                        15, List.of(new PolicyInput.TargetInput("team", teamIds.get(team.name()))))),
                        owned),
                Actor.SYSTEM);
    }

    private static Actor actor(UserView user) {
        return new Actor(user.id(), user.email(), user.name(), user.role(), null);
    }
}
