package dev.cairn.escalation;

import dev.cairn.catalog.Services;
import dev.cairn.escalation.EscalationPolicy.Step;
import dev.cairn.escalation.EscalationPolicy.Target;
import dev.cairn.escalation.internal.PolicyStore;
import dev.cairn.escalation.internal.PolicyStore.StoredTarget;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.oncall.Schedules;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Escalation policies: validated, audited, with their targets named for people to read. */
@Service
public class EscalationPolicies {

    static final int MAX_STEPS = 20;
    static final int MAX_TARGETS = 20;
    static final int MAX_DELAY_MINUTES = 24 * 60;
    static final int MAX_REPEAT = 9;

    private final PolicyStore store;
    private final Users users;
    private final Teams teams;
    private final Schedules schedules;
    private final Services services;
    private final Audit audit;
    private final Clock clock;

    EscalationPolicies(
            PolicyStore store,
            Users users,
            Teams teams,
            Schedules schedules,
            Services services,
            Audit audit,
            Clock clock) {
        this.store = store;
        this.users = users;
        this.teams = teams;
        this.schedules = schedules;
        this.services = services;
        this.audit = audit;
        this.clock = clock;
    }

    public List<EscalationPolicy> all() {
        return named(store.load(null));
    }

    public Optional<EscalationPolicy> find(long id) {
        return named(store.load(id)).stream().findFirst();
    }

    public EscalationPolicy get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Escalation policy " + id));
    }

    /** The policy that pages for a service, if one is set. */
    public Optional<Long> forService(long serviceId) {
        return store.policyForService(serviceId);
    }

    /**
     * Who the policy's first step would page at {@code at}: the people on call for it (the Slack
     * app invites them into a new incident channel). Empty for an unknown or empty policy.
     */
    public List<UserView> firstResponders(long policyId, java.time.Instant at) {
        return find(policyId)
                .filter(p -> !p.steps().isEmpty())
                .map(p -> resolve(p.steps().getFirst(), at))
                .orElse(List.of());
    }

    @Transactional
    public EscalationPolicy create(PolicyInput input, Actor actor) {
        Actors.requireWrite(actor);
        Valid v = validate(input, null);
        long id = store.insert(v.name, v.description, input.teamId(), v.repeat, clock.instant());
        store.replaceSteps(id, v.delays, v.targets);
        store.replaceServices(id, v.serviceIds);
        audit.record(actor, "escalation_policy.created", "escalation_policy", id, describe(v));
        return get(id);
    }

    @Transactional
    public EscalationPolicy update(long id, PolicyInput input, Actor actor) {
        Actors.requireWrite(actor);
        get(id);
        Valid v = validate(input, id);
        store.update(id, v.name, v.description, input.teamId(), v.repeat, clock.instant());
        store.replaceSteps(id, v.delays, v.targets);
        store.replaceServices(id, v.serviceIds);
        audit.record(actor, "escalation_policy.updated", "escalation_policy", id, describe(v));
        return get(id);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Actors.requireWrite(actor);
        EscalationPolicy policy = get(id);
        store.delete(id);
        audit.record(actor, "escalation_policy.deleted", "escalation_policy", id, "name=" + policy.name());
    }

    private record Valid(
            String name,
            String description,
            int repeat,
            List<Integer> delays,
            List<List<StoredTarget>> targets,
            List<Long> serviceIds) {}

    private Valid validate(PolicyInput input, Long id) {
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        if (store.nameTaken(name, id)) {
            throw new InvalidInputException("name", "is already the name of another policy");
        }
        String description = input.description() == null || input.description().isBlank()
                ? null
                : input.description().strip();
        if (description != null && description.length() > 2000) {
            throw new InvalidInputException("description", "must be at most 2000 characters");
        }
        if (input.teamId() != null && teams.find(input.teamId()).isEmpty()) {
            throw new InvalidInputException("teamId", "is not a known team");
        }
        int repeat = input.repeat() == null ? 0 : input.repeat();
        if (repeat < 0 || repeat > MAX_REPEAT) {
            throw new InvalidInputException("repeat", "must be between 0 and " + MAX_REPEAT);
        }
        List<PolicyInput.StepInput> steps = input.steps() == null ? List.of() : input.steps();
        if (steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw new InvalidInputException("steps", "must list 1 to " + MAX_STEPS + " steps");
        }
        List<Integer> delays = new ArrayList<>();
        List<List<StoredTarget>> targets = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PolicyInput.StepInput step = steps.get(i);
            String field = "steps[" + i + "]";
            if (step == null) {
                throw new InvalidInputException(field, "is required");
            }
            int delay = step.delayMinutes() == null ? 0 : step.delayMinutes();
            if (delay < 1 || delay > MAX_DELAY_MINUTES) {
                throw new InvalidInputException(
                        field + ".delayMinutes",
                        "must be between 1 and " + MAX_DELAY_MINUTES + " minutes (the wait for an acknowledgement)");
            }
            List<PolicyInput.TargetInput> given = step.targets() == null ? List.of() : step.targets();
            if (given.isEmpty() || given.size() > MAX_TARGETS) {
                throw new InvalidInputException(
                        field + ".targets", "must name 1 to " + MAX_TARGETS + " users, schedules or teams");
            }
            Set<StoredTarget> unique = new LinkedHashSet<>();
            for (int j = 0; j < given.size(); j++) {
                PolicyInput.TargetInput t = given.get(j);
                String tf = field + ".targets[" + j + "]";
                if (t == null || t.id() == null) {
                    throw new InvalidInputException(tf + ".id", "is required");
                }
                TargetKind kind = TargetKind.parse(t.kind(), tf + ".kind");
                boolean known = switch (kind) {
                    case USER -> users.find(t.id()).filter(UserView::active).isPresent();
                    case SCHEDULE -> schedules.all().stream().anyMatch(s -> s.id() == t.id());
                    case TEAM -> teams.find(t.id()).isPresent();
                };
                if (!known) {
                    throw new InvalidInputException(tf + ".id", "is not a known active " + kind.json());
                }
                unique.add(new StoredTarget(kind, t.id()));
            }
            delays.add(delay);
            targets.add(List.copyOf(unique));
        }
        List<Long> serviceIds =
                input.serviceIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(input.serviceIds()));
        for (Long serviceId : serviceIds) {
            if (serviceId == null || services.find(serviceId).isEmpty()) {
                throw new InvalidInputException("serviceIds", "names a service that does not exist: " + serviceId);
            }
        }
        return new Valid(name, description, repeat, delays, targets, serviceIds);
    }

    private static String describe(Valid v) {
        return "name=" + v.name + " steps=" + v.delays.size() + " repeat=" + v.repeat + " services=" + v.serviceIds;
    }

    private List<EscalationPolicy> named(List<EscalationPolicy> policies) {
        Set<Long> userIds = new LinkedHashSet<>();
        policies.forEach(p -> p.steps()
                .forEach(s -> s.targets().stream()
                        .filter(t -> t.kind() == TargetKind.USER)
                        .forEach(t -> userIds.add(t.id()))));
        Map<Long, UserView> people = userIds.isEmpty() ? Map.of() : users.byIds(userIds);
        Map<Long, String> scheduleNames = new HashMap<>();
        Map<Long, String> teamNames = new HashMap<>();
        boolean anySchedule = policies.stream()
                .flatMap(p -> p.steps().stream())
                .flatMap(s -> s.targets().stream())
                .anyMatch(t -> t.kind() == TargetKind.SCHEDULE);
        if (anySchedule) {
            schedules.all().forEach(s -> scheduleNames.put(s.id(), s.name()));
        }
        boolean anyTeam = policies.stream()
                .flatMap(p -> p.steps().stream())
                .flatMap(s -> s.targets().stream())
                .anyMatch(t -> t.kind() == TargetKind.TEAM);
        if (anyTeam) {
            teams.all().forEach(t -> teamNames.put(t.id(), t.name()));
        }
        return policies.stream()
                .map(p -> new EscalationPolicy(
                        p.id(),
                        p.name(),
                        p.description(),
                        p.teamId(),
                        p.repeat(),
                        p.steps().stream()
                                .map(s -> new Step(
                                        s.position(),
                                        s.delayMinutes(),
                                        s.targets().stream()
                                                .map(t -> new Target(
                                                        t.kind(),
                                                        t.id(),
                                                        switch (t.kind()) {
                                                            case USER ->
                                                                Optional.ofNullable(people.get(t.id()))
                                                                        .map(UserView::name)
                                                                        .orElse("user " + t.id());
                                                            case SCHEDULE ->
                                                                scheduleNames.getOrDefault(
                                                                        t.id(), "schedule " + t.id());
                                                            case TEAM ->
                                                                teamNames.getOrDefault(t.id(), "team " + t.id());
                                                        }))
                                                .toList()))
                                .toList(),
                        p.serviceIds(),
                        p.createdAt(),
                        p.updatedAt()))
                .toList();
    }

    /** Everyone a step would page at this moment, in a stable order (used by {@link Paging}). */
    List<UserView> resolve(Step step, java.time.Instant at) {
        Map<Long, UserView> found = new java.util.LinkedHashMap<>();
        for (Target t : step.targets()) {
            switch (t.kind()) {
                case USER -> users.find(t.id()).filter(UserView::active).ifPresent(u -> found.putIfAbsent(u.id(), u));
                case SCHEDULE ->
                    onCall(t.id(), at)
                            .flatMap(o -> users.find(o.userId()))
                            .filter(UserView::active)
                            .ifPresent(u -> found.putIfAbsent(u.id(), u));
                case TEAM ->
                    teams.find(t.id()).map(TeamView::members).orElse(List.of()).stream()
                            .filter(UserView::active)
                            .forEach(u -> found.putIfAbsent(u.id(), u));
            }
        }
        return List.copyOf(found.values());
    }

    private Optional<dev.cairn.oncall.OnCallAt> onCall(long scheduleId, java.time.Instant at) {
        try {
            return schedules.onCall(scheduleId, at);
        } catch (NotFoundException deleted) {
            return Optional.empty();
        }
    }
}
