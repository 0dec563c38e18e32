package dev.cairn.action;

import dev.cairn.action.internal.ActionRow;
import dev.cairn.action.internal.ActionStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incident;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.Markdown;
import dev.cairn.shared.NotFoundException;
import dev.cairn.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Action items of incidents: proposing, deciding (every decision recorded with who, when and why,
 * and on the incident's timeline), owners, due dates, done. An item decided "do" goes to the
 * tracker mapped to its team. Whoever may not see an incident sees none of its items, here, in
 * lists across incidents and in counts.
 */
@Service
public class ActionItems {

    static final int MAX_TITLE = 300;
    static final int MAX_DESCRIPTION = 20000;
    static final int MAX_REASON = 2000;

    private final ActionStore store;
    private final Trackers trackers;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Users users;
    private final Teams teams;
    private final Audit audit;
    private final Clock clock;

    ActionItems(
            ActionStore store,
            Trackers trackers,
            Incidents incidents,
            Timeline timeline,
            Users users,
            Teams teams,
            Audit audit,
            Clock clock) {
        this.store = store;
        this.trackers = trackers;
        this.incidents = incidents;
        this.timeline = timeline;
        this.users = users;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    /** Today in UTC: an item is overdue the day after its due date. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // ---- reading ----------------------------------------------------------------------------

    /** The incident's items in the order they were proposed; 404 for whoever may not see it. */
    public List<ActionItem> ofIncident(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return assemble(store.ofIncident(incidentId), false);
    }

    public ActionItem get(long incidentId, long actionId, Actor actor) {
        incidents.get(incidentId, actor);
        ActionRow row = store.find(actionId)
                .filter(r -> r.incidentId() == incidentId)
                .orElseThrow(() -> notFound(actionId, incidentId));
        return assemble(List.of(row), true).getFirst();
    }

    /** Items across incidents the actor may see, newest first. */
    public CursorPage<ActionItem> page(ActionFilter filter, String cursor, int limit, Actor actor) {
        long before = CursorPage.decode(cursor);
        LocalDate today = today();
        List<ActionRow> visible = new ArrayList<>();
        // Rows of incidents the actor may not see are skipped; read on until the page is full.
        while (visible.size() <= limit) {
            List<ActionRow> rows = store.page(filter, today, before, Math.max(limit * 2, 50));
            if (rows.isEmpty()) {
                break;
            }
            Set<Long> seen = incidents.visibleAmong(
                    rows.stream().map(ActionRow::incidentId).collect(Collectors.toSet()), actor);
            rows.stream().filter(r -> seen.contains(r.incidentId())).forEach(visible::add);
            before = rows.getLast().id();
        }
        List<ActionRow> page = visible.size() > limit + 1 ? visible.subList(0, limit + 1) : visible;
        return CursorPage.of(assemble(page, false), limit, ActionItem::id);
    }

    /** Counts per team (the owner's team) of items the actor may see; {@code teamId} narrows to one team. */
    public List<TeamCounts> counts(Long teamId, Actor actor) {
        List<ActionStore.CountRow> rows = store.counts(teamId, today());
        Set<Long> seen = incidents.visibleAmong(
                rows.stream().map(ActionStore.CountRow::incidentId).collect(Collectors.toSet()), actor);
        Map<Long, String> names = teams.all().stream().collect(Collectors.toMap(TeamView::id, TeamView::name));
        Map<Long, int[]> byTeam = new LinkedHashMap<>();
        for (ActionStore.CountRow row : rows) {
            if (!seen.contains(row.incidentId())) {
                continue;
            }
            int[] c = byTeam.computeIfAbsent(row.teamId() == null ? -1L : row.teamId(), k -> new int[6]);
            switch (Decision.valueOf(row.decision())) {
                case PROPOSED -> c[0] += row.count();
                case DO -> c[1] += row.count();
                case WONT_DO -> c[2] += row.count();
                case LATER -> c[3] += row.count();
            }
            if (row.done()) {
                c[4] += row.count();
            }
            if (row.overdue()) {
                c[5] += row.count();
            }
        }
        return byTeam.entrySet().stream()
                .map(e -> {
                    Long id = e.getKey() == -1L ? null : e.getKey();
                    int[] c = e.getValue();
                    return new TeamCounts(
                            id,
                            id == null ? "No team" : names.getOrDefault(id, "Team " + id),
                            c[0],
                            c[1],
                            c[2],
                            c[3],
                            c[4],
                            c[5]);
                })
                .sorted((a, b) -> a.teamId() == null
                        ? 1
                        : b.teamId() == null ? -1 : a.teamName().compareToIgnoreCase(b.teamName()))
                .toList();
    }

    // ---- changing ---------------------------------------------------------------------------

    @Transactional
    public ActionItem propose(long incidentId, ProposeAction proposal, Actor actor) {
        Incident incident = incidents.get(incidentId, actor);
        Actors.requireWrite(actor);
        String title = title(proposal.title());
        String description = description(proposal.description());
        long id = store.insert(incidentId, title, description, person(actor), clock.instant());
        timeline.record(
                incidentId,
                "action_proposed",
                "Action proposed: \u201c" + title + "\u201d (" + actor.name() + ")",
                Map.of("actionId", String.valueOf(id)),
                actor);
        audit.record(actor, "action.proposed", "incident", incidentId, incident.reference() + ": " + title);
        return get(incidentId, id, actor);
    }

    /**
     * Applies a change: text, owner, team, dates, a decision, done. A decision is checked against
     * what it needs (do: an owner and a due date; won't do: a reason), recorded with who, when and
     * why, and written on the timeline.
     */
    @Transactional
    public ActionItem change(long incidentId, long actionId, ChangeAction change, Actor actor) {
        incidents.get(incidentId, actor);
        Actors.requireWrite(actor);
        ActionRow row = store.lock(actionId)
                .filter(r -> r.incidentId() == incidentId)
                .orElseThrow(() -> notFound(actionId, incidentId));
        Instant now = clock.instant();

        if (change.title() != null || change.description() != null) {
            store.updateText(
                    actionId,
                    change.title() == null ? row.title() : title(change.title()),
                    change.description() == null ? row.description() : description(change.description()));
        }
        Long owner = change.ownerId() != null ? owner(change.ownerId()) : row.ownerId();
        Long team;
        if (change.teamId() != null) {
            team = team(change.teamId());
        } else if (change.ownerId() != null && !Objects.equals(owner, row.ownerId())) {
            team = teamOf(owner);
        } else {
            team = row.teamId() != null ? row.teamId() : teamOf(owner);
        }
        LocalDate due = change.dueOn() != null ? date(change.dueOn(), "dueOn") : row.dueOn();
        LocalDate revisit = change.revisitOn() != null ? date(change.revisitOn(), "revisitOn") : row.revisitOn();
        String title = change.title() == null ? row.title() : title(change.title());

        if (change.decision() != null) {
            Decision decision = Decision.parse(change.decision().strip(), "decision");
            String reason = reason(change.reason());
            switch (decision) {
                case PROPOSED ->
                    throw new InvalidInputException("decision", "A decided item cannot go back to 'proposed'");
                case DO -> {
                    if (owner == null || due == null) {
                        throw new InvalidInputException("decision", "Deciding 'do' needs an owner and a due date");
                    }
                }
                case WONT_DO -> {
                    if (reason == null) {
                        throw new InvalidInputException("reason", "Deciding 'won't do' needs a reason");
                    }
                }
                case LATER -> {}
            }
            store.decide(actionId, decision, person(actor), now, reason, owner, team, due, revisit);
            if (decision != Decision.DO && row.done()) {
                store.done(actionId, null, null);
            }
            timeline.record(
                    incidentId,
                    "action_decided",
                    decisionText(decision, title, owner, due, revisit, reason) + " (" + actor.name() + ")",
                    Map.of("actionId", String.valueOf(actionId), "decision", decision.json()),
                    actor);
            audit.record(actor, "action.decided", "action_item", actionId, decision.json());
            if (decision == Decision.DO) {
                trackers.queue(actionId, team, now);
            }
        } else if (!Objects.equals(owner, row.ownerId())
                || !Objects.equals(team, row.teamId())
                || !Objects.equals(due, row.dueOn())
                || !Objects.equals(revisit, row.revisitOn())) {
            store.assign(actionId, owner, team, due, revisit);
            audit.record(actor, "action.assigned", "action_item", actionId, "owner=" + owner + " due=" + due);
        }

        if (change.done() != null) {
            Decision current =
                    change.decision() != null ? Decision.parse(change.decision().strip(), "decision") : row.decision();
            if (current != Decision.DO) {
                throw new ConflictException("Only items decided 'do' can be done; decide 'do' first");
            }
            boolean done = change.done();
            if (done != row.done()) {
                store.done(actionId, done ? now : null, done ? person(actor) : null);
                timeline.record(
                        incidentId,
                        done ? "action_done" : "action_reopened",
                        (done ? "Action done: \u201c" : "Action reopened: \u201c") + title + "\u201d (" + actor.name()
                                + ")",
                        Map.of("actionId", String.valueOf(actionId)),
                        actor);
                audit.record(actor, done ? "action.done" : "action.reopened", "action_item", actionId, title);
            }
        }
        return get(incidentId, actionId, actor);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private String decisionText(
            Decision decision, String title, Long owner, LocalDate due, LocalDate revisit, String reason) {
        String base = "Action decided " + decision.label() + ": \u201c" + title + "\u201d";
        return switch (decision) {
            case DO -> base + ", owner " + users.get(owner).name() + ", due " + due;
            case WONT_DO -> base + ", because " + reason;
            case LATER ->
                base + (revisit == null ? "" : ", revisit on " + revisit) + (reason == null ? "" : ", " + reason);
            case PROPOSED -> base;
        };
    }

    private List<ActionItem> assemble(List<ActionRow> rows, boolean withDecisions) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ActionItem.DecisionRecord>> decisions = new LinkedHashMap<>();
        if (withDecisions) {
            rows.forEach(r -> decisions.put(r.id(), store.decisions(r.id())));
        }
        Set<Long> people = new HashSet<>();
        for (ActionRow r : rows) {
            Stream.of(r.proposedBy(), r.decidedBy(), r.ownerId(), r.doneBy())
                    .filter(Objects::nonNull)
                    .forEach(people::add);
        }
        decisions.values().stream()
                .flatMap(Collection::stream)
                .map(ActionItem.DecisionRecord::decidedBy)
                .filter(Objects::nonNull)
                .forEach(people::add);
        Map<Long, UserView> names = users.byIds(people);
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(TeamView::id, TeamView::name));
        LocalDate today = today();
        return rows.stream()
                .map(r -> new ActionItem(
                        r.id(),
                        r.incidentId(),
                        Incident.reference(r.incidentId()),
                        r.title(),
                        r.description(),
                        Markdown.toHtml(r.description()),
                        r.proposedBy(),
                        name(names, r.proposedBy()),
                        r.proposedAt(),
                        r.decision(),
                        r.decidedBy(),
                        name(names, r.decidedBy()),
                        r.decidedAt(),
                        r.reason(),
                        r.ownerId(),
                        name(names, r.ownerId()),
                        r.teamId(),
                        r.teamId() == null ? null : teamNames.get(r.teamId()),
                        r.dueOn(),
                        r.revisitOn(),
                        r.done(),
                        r.doneAt(),
                        r.done() ? (r.doneBy() == null ? Trackers.label(r.tracker()) : name(names, r.doneBy())) : null,
                        r.overdue(today),
                        r.syncState() == null
                                ? null
                                : new ActionItem.Sync(
                                        r.tracker(),
                                        r.trackerTarget(),
                                        r.syncState(),
                                        r.externalKey(),
                                        r.externalUrl(),
                                        r.syncAttempts(),
                                        r.syncError(),
                                        r.syncErrorAt(),
                                        r.syncedAt()),
                        withDecisions
                                ? decisions.get(r.id()).stream()
                                        .map(d -> new ActionItem.DecisionRecord(
                                                d.decision(),
                                                d.decidedBy(),
                                                name(names, d.decidedBy()),
                                                d.decidedAt(),
                                                d.reason(),
                                                d.ownerId(),
                                                d.dueOn(),
                                                d.revisitOn()))
                                        .toList()
                                : List.of()))
                .toList();
    }

    private static String name(Map<Long, UserView> names, Long id) {
        if (id == null) {
            return null;
        }
        UserView user = names.get(id);
        return user == null ? "someone" : user.name();
    }

    private static Long person(Actor actor) {
        return actor.isSystem() ? null : actor.userId();
    }

    private Long owner(long id) {
        UserView user = users.find(id)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException("ownerId", "is not an active Cairn user"));
        return user.id();
    }

    private Long team(long id) {
        return teams.find(id)
                .map(TeamView::id)
                .orElseThrow(() -> new InvalidInputException("teamId", "is not a Cairn team"));
    }

    /** The owner's team: the first they joined (lowest id), or none. */
    private Long teamOf(Long owner) {
        if (owner == null) {
            return null;
        }
        return teams.teamIdsOf(owner).stream().min(Long::compare).orElse(null);
    }

    private static LocalDate date(String value, String field) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date like 2026-05-31");
        }
    }

    private static String title(String raw) {
        String title = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new InvalidInputException("title", "must be 1 to " + MAX_TITLE + " characters");
        }
        return title;
    }

    private static String description(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return text;
    }

    private static String reason(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String reason = raw.strip();
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
        }
        return reason;
    }

    private static NotFoundException notFound(long actionId, long incidentId) {
        return new NotFoundException("Action item " + actionId + " of " + Incident.reference(incidentId));
    }
}
