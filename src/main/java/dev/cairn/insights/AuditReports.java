package dev.cairn.insights;

import dev.cairn.action.ActionFigures;
import dev.cairn.escalation.EscalationPolicies;
import dev.cairn.escalation.EscalationPolicy;
import dev.cairn.guidance.ChecklistItem;
import dev.cairn.guidance.Checklists;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentFilter;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Severities;
import dev.cairn.review.LearningFigures;
import dev.cairn.review.ReviewPolicies;
import dev.cairn.review.ReviewPolicy;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Evidence of the incident programme for auditors (SOC 2 and similar): the configured process and
 * every incident declared in a period. Admins only, and it includes private incidents and drills
 * (marked): an auditor needs every incident, and a report that silently left some out would be
 * worse than none. Every export is written to the audit log.
 */
@Service
public class AuditReports {

    /** Incidents read per query while streaming; the CSV never holds more than this in memory. */
    static final int BATCH = 500;

    /** A PDF is built in memory; longer periods are for the CSV. */
    public static final int PDF_MAX_INCIDENTS = 5000;

    private final Incidents incidents;
    private final Severities severities;
    private final EscalationPolicies policies;
    private final Checklists checklists;
    private final Audit audit;
    private final Clock clock;
    private final ReviewPolicies reviewPolicies;
    private final LearningFigures learning;
    private final ActionFigures actions;

    AuditReports(
            Incidents incidents,
            Severities severities,
            EscalationPolicies policies,
            Checklists checklists,
            Audit audit,
            Clock clock,
            ReviewPolicies reviewPolicies,
            LearningFigures learning,
            ActionFigures actions) {
        this.incidents = incidents;
        this.severities = severities;
        this.policies = policies;
        this.checklists = checklists;
        this.audit = audit;
        this.clock = clock;
        this.reviewPolicies = reviewPolicies;
        this.learning = learning;
        this.actions = actions;
    }

    public AuditPeriod period(String from, String to) {
        return AuditPeriod.parse(from, to, clock.instant());
    }

    public AuditProcess process(Actor actor) {
        Actors.requireAdminRead(actor);
        List<AuditProcess.SeverityLevel> levels = severities.all().stream()
                .map(s -> new AuditProcess.SeverityLevel(s.code(), s.name(), s.description()))
                .toList();
        List<AuditProcess.RoleDuty> roles = new ArrayList<>();
        for (IncidentRole role : IncidentRole.values()) {
            roles.add(new AuditProcess.RoleDuty(
                    role.json(), role.label(), role.single() ? "one person at a time" : "any number of people"));
        }
        List<AuditProcess.Escalation> escalations =
                policies.all().stream().map(AuditReports::escalation).toList();
        Map<String, Integer> lists = new LinkedHashMap<>();
        for (ChecklistItem item : checklists.defaults()) {
            String name =
                    item.severity() != null ? item.severity() : item.role().label();
            lists.merge(name, 1, Integer::sum);
        }
        List<AuditProcess.Checklist> checklistCounts = lists.entrySet().stream()
                .map(e -> new AuditProcess.Checklist(e.getKey(), e.getValue()))
                .toList();
        return new AuditProcess(levels, roles, escalations, checklistCounts, reviewPolicy());
    }

    /** The review policy in words: one rule per severity and one for drills. */
    String reviewPolicy() {
        return reviewPolicies.all().stream()
                .map(p -> (ReviewPolicy.DRILL.equals(p.rule()) ? "drills and game days" : p.rule()) + ": "
                        + AuditIncident.depth(p.depth())
                        + (p.required() ? ", required before closing" : ", not required"))
                .collect(Collectors.joining("; "));
    }

    /** A batch of incidents with their review states and action items, read in bulk (two queries). */
    private List<AuditIncident> withLearning(List<Incident> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<Long, LearningFigures.IncidentLearning> reviews = learning.of(batch.stream()
                .map(i -> new LearningFigures.Subject(i.id(), i.severity(), i.type() == IncidentType.DRILL))
                .toList());
        Map<Long, ActionFigures.Counts> items =
                actions.of(batch.stream().map(Incident::id).toList());
        return batch.stream()
                .map(i -> AuditIncident.of(i, reviews.get(i.id()), items.get(i.id())))
                .toList();
    }

    /**
     * Hands every incident declared in the period to {@code sink}, newest first, reading {@link
     * #BATCH} at a time. Returns how many there were.
     */
    public long eachIncident(AuditPeriod period, Actor actor, Consumer<AuditIncident> sink) {
        Actors.requireAdminRead(actor);
        IncidentFilter filter = new IncidentFilter(null, null, null, null, period.from(), period.to(), null);
        String cursor = null;
        long count = 0;
        do {
            CursorPage<Incident> page = incidents.list(filter, cursor, BATCH, actor);
            for (AuditIncident incident : withLearning(page.items())) {
                sink.accept(incident);
                count++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }

    /** Up to {@code max} incidents of the period; more is a 400 that points to a shorter period. */
    public List<AuditIncident> incidents(AuditPeriod period, Actor actor, int max) {
        Actors.requireAdminRead(actor);
        IncidentFilter filter = new IncidentFilter(null, null, null, null, period.from(), period.to(), null);
        List<AuditIncident> result = new ArrayList<>();
        String cursor = null;
        do {
            CursorPage<Incident> page = incidents.list(filter, cursor, Math.min(BATCH, max + 1), actor);
            result.addAll(withLearning(page.items()));
            if (result.size() > max) {
                throw new InvalidInputException(
                        "to",
                        "the period holds more than " + max + " incidents; choose a shorter period or use format=csv");
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return result;
    }

    /** The first incidents of the period, for the page's preview: at most {@code limit}, and whether more exist. */
    public CursorPage<AuditIncident> preview(AuditPeriod period, Actor actor, int limit) {
        Actors.requireAdminRead(actor);
        IncidentFilter filter = new IncidentFilter(null, null, null, null, period.from(), period.to(), null);
        CursorPage<Incident> page = incidents.list(filter, null, limit, actor);
        return new CursorPage<>(new ArrayList<>(withLearning(page.items())), page.nextCursor());
    }

    /** Records an export in the audit log: who took the evidence, of which period, in which format. */
    public void recordExport(AuditPeriod period, String format, Actor actor) {
        audit.record(
                actor,
                "insights.audit_exported",
                "audit_report",
                null,
                "format=" + format + " from=" + period.from() + " to=" + period.to());
    }

    private static AuditProcess.Escalation escalation(EscalationPolicy p) {
        List<String> steps = new ArrayList<>();
        for (EscalationPolicy.Step step : p.steps()) {
            String targets = step.targets().stream()
                    .map(t -> t.kind().json() + " " + t.name())
                    .collect(Collectors.joining(", "));
            steps.add("Step " + step.position() + ": " + (targets.isEmpty() ? "nobody" : targets) + "; wait "
                    + step.delayMinutes() + " min for an acknowledgement");
        }
        return new AuditProcess.Escalation(p.name(), p.description() == null ? "" : p.description(), p.repeat(), steps);
    }
}
