package dev.cairn.escalation;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.cairn.escalation.EscalationPolicy.Step;
import dev.cairn.escalation.internal.AckLinks;
import dev.cairn.escalation.internal.PageStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.incident.ChangeKind;
import dev.cairn.incident.IncidentChanged;
import dev.cairn.notification.DeliveryView;
import dev.cairn.notification.Notice;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.ConflictException;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages: open one through a policy, fire its steps, acknowledge or resolve it. Each step is a
 * db-scheduler execution named after the page and the version it expects; firing is a
 * compare-and-set on that version in the same transaction that plans the notifications and
 * schedules the next step, so a step fires exactly once whichever node runs it, however often its
 * execution is revived, and never after an acknowledgement.
 */
@Service
public class Paging {

    public static final String STEP_TASK = "escalation-step";
    private static final Logger log = LoggerFactory.getLogger(Paging.class);
    private static final Set<String> DONE_STATUSES = Set.of("resolved", "closed");

    private final PageStore store;
    private final EscalationPolicies policies;
    private final AckLinks links;
    private final AdminAlerts adminAlerts;
    private final Notifications notifications;
    private final Users users;
    private final Audit audit;
    private final Jobs jobs;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Paging(
            PageStore store,
            EscalationPolicies policies,
            AckLinks links,
            AdminAlerts adminAlerts,
            Notifications notifications,
            Users users,
            Audit audit,
            Jobs jobs,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.policies = policies;
        this.links = links;
        this.adminAlerts = adminAlerts;
        this.notifications = notifications;
        this.users = users;
        this.audit = audit;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens a page; its first step fires as soon as the transaction commits. For an alert group
     * that already has an open page, answers that page.
     */
    @Transactional
    public PageView open(OpenPage request, Actor actor) {
        if (!actor.isSystem()) {
            Actors.requireWrite(actor);
        }
        EscalationPolicy policy = policies.find(request.policyId())
                .orElseThrow(() -> new InvalidInputException("policyId", "is not a known escalation policy"));
        String title = request.title() == null ? "" : request.title().strip();
        if (title.isEmpty() || title.length() > 1024) {
            throw new InvalidInputException("title", "must be 1 to 1024 characters");
        }
        String details = request.details() == null || request.details().isBlank()
                ? null
                : request.details().strip();
        if (details != null && details.length() > 4000) {
            details = details.substring(0, 3999) + "…";
        }
        if (request.alertGroupId() != null) {
            Optional<Long> existing = store.openForAlertGroup(request.alertGroupId());
            if (existing.isPresent()) {
                return get(existing.get());
            }
        }
        Instant now = clock.instant();
        long id = store.insert(
                policy.id(),
                policy.name(),
                request.alertGroupId(),
                request.incidentId(),
                title,
                details,
                actor.isSystem() ? null : actor.userId(),
                now);
        store.event(
                id,
                PageEvent.OPENED,
                actor.isSystem() ? null : actor.userId(),
                (actor.isSystem() ? "Opened by an alert" : "Opened by " + actor.name()) + " through " + policy.name(),
                now);
        if (!actor.isSystem()) {
            audit.record(actor, "page.opened", "page", id, "policy=" + policy.id() + " title=" + title);
        }
        scheduleStep(id, 0, now);
        log.info("event=page_opened page={} policy={} alert_group={}", id, policy.id(), request.alertGroupId());
        return get(id);
    }

    /**
     * Fires the step a page's {@code version} stands for; a no-op for a stale version (the step
     * already fired, or the page was acknowledged or resolved). Called by the step execution.
     */
    @Transactional
    public void fire(long pageId, long version) {
        Optional<Long> current = store.lockVersion(pageId);
        if (current.isEmpty() || current.get() != version) {
            log.debug("event=page_step_stale page={} version={} current={}", pageId, version, current.orElse(null));
            return;
        }
        PageView page = get(pageId);
        if (!page.open()) {
            return;
        }
        Instant now = clock.instant();
        Optional<EscalationPolicy> found = page.policyId() == null ? Optional.empty() : policies.find(page.policyId());
        if (found.isEmpty() || found.get().steps().isEmpty()) {
            if (store.advance(pageId, version, page.nextStep(), page.nextLoop(), null)) {
                store.event(pageId, PageEvent.NOBODY, null, "Policy " + page.policyName() + " no longer exists", now);
                adminAlerts.raise(
                        AdminAlert.NOBODY_TO_PAGE,
                        page,
                        "Page #" + pageId + " (" + page.title() + ") cannot escalate: its policy \"" + page.policyName()
                                + "\" was deleted.");
            }
            return;
        }
        EscalationPolicy policy = found.get();
        int size = policy.steps().size();
        if (page.nextStep() >= size) {
            // Every step of every round fired and nobody acknowledged: say so, loudly.
            if (store.advance(pageId, version, page.nextStep(), page.nextLoop(), null)) {
                store.event(
                        pageId,
                        PageEvent.EXHAUSTED,
                        null,
                        "Every step fired " + (policy.repeat() + 1) + " time(s) and nobody acknowledged",
                        now);
                adminAlerts.raise(
                        AdminAlert.UNACKNOWLEDGED,
                        page,
                        "Page #" + pageId + " (" + page.title() + ") went through every step of \"" + policy.name()
                                + "\" and nobody acknowledged it.");
            }
            return;
        }
        Step step = policy.steps().get(page.nextStep());
        int nextStep = page.nextStep() + 1;
        int nextLoop = page.nextLoop();
        if (nextStep >= size && nextLoop < policy.repeat()) {
            nextStep = 0;
            nextLoop++;
        }
        Instant nextAt = now.plus(Duration.ofMinutes(step.delayMinutes()));
        if (!store.advance(pageId, version, nextStep, nextLoop, nextAt)) {
            return;
        }
        List<UserView> people = policies.resolve(step, now);
        String where = "Step " + (page.nextStep() + 1) + " of " + size
                + (policy.repeat() > 0
                        ? " (round " + (page.nextLoop() + 1) + " of " + (policy.repeat() + 1) + ")"
                        : "");
        store.event(
                pageId,
                PageEvent.STEP,
                null,
                where + ": "
                        + step.targets().stream()
                                .map(t -> t.kind().json() + " " + t.name())
                                .collect(Collectors.joining(", ")),
                now);
        if (people.isEmpty()) {
            store.event(pageId, PageEvent.NOBODY, null, where + " had nobody to page", now);
            adminAlerts.raise(
                    AdminAlert.NOBODY_TO_PAGE,
                    page,
                    "Page #" + pageId + " (" + page.title() + "): " + where + " of \"" + policy.name()
                            + "\" had nobody to page (empty schedule, team or deactivated people).");
        }
        for (UserView person : people) {
            notifyPerson(page, person, where + " of " + policy.name() + ".", now);
        }
        scheduleStep(pageId, version + 1, nextAt);
        log.info(
                "event=page_step_fired page={} step={} loop={} people={}",
                pageId,
                page.nextStep(),
                page.nextLoop(),
                people.size());
    }

    private void notifyPerson(PageView page, UserView person, String where, Instant now) {
        long pageId = page.id();
        String token = links.issue(pageId, person.id());
        notifications.notify(
                person.id(),
                new Notice(
                        PageView.topic(pageId),
                        "page",
                        "[Cairn] Page #" + pageId + ": " + page.title(),
                        page.title() + (page.details() == null ? "" : "\n\n" + page.details()) + "\n\n" + where
                                + " Acknowledge to stop the escalation.",
                        notifications.absolute("/pages/" + pageId),
                        notifications.absolute("/ack/" + token),
                        "Acknowledge"));
        store.event(pageId, PageEvent.NOTIFIED, person.id(), person.name(), now);
    }

    /**
     * Pages one person directly, without a policy (e.g. {@code /incident page @ada}): they are
     * notified at once through their contact methods and can acknowledge like any page; there is
     * no next step.
     */
    @Transactional
    public PageView pagePerson(long userId, Long incidentId, String title, String details, Actor actor) {
        Actors.requireWrite(actor);
        UserView person = users.find(userId)
                .filter(UserView::active)
                .orElseThrow(() -> new InvalidInputException("userId", "is not an active user"));
        String heading = title == null ? "" : title.strip();
        if (heading.isEmpty() || heading.length() > 1024) {
            throw new InvalidInputException("title", "must be 1 to 1024 characters");
        }
        Instant now = clock.instant();
        long id = store.insert(
                null, "Direct to " + person.name(), null, incidentId, heading, details, actor.userId(), now);
        store.event(id, PageEvent.OPENED, actor.userId(), "Opened by " + actor.name() + " for " + person.name(), now);
        store.advance(id, 0, 1, 0, null);
        notifyPerson(get(id), person, "Paged directly by " + actor.name() + ".", now);
        audit.record(actor, "page.opened", "page", id, "user=" + userId + " title=" + heading);
        log.info("event=page_opened page={} direct_to={}", id, userId);
        return get(id);
    }

    /**
     * Fires the page's next step now instead of at its time, fenced by the page's version like
     * the timed step (whose execution then finds its version stale and does nothing). Recorded on
     * the page's history with who asked and how.
     */
    @Transactional
    public PageView escalateNow(long id, Actor actor, String via) {
        Actors.requireWrite(actor);
        long version = store.lockVersion(id).orElseThrow(() -> new NotFoundException("Page " + id));
        PageView page = get(id);
        if (!page.open()) {
            throw new ConflictException(
                    "Page #" + id + " is " + page.status().json() + "; only a triggered page escalates");
        }
        Optional<EscalationPolicy> policy = page.policyId() == null ? Optional.empty() : policies.find(page.policyId());
        if (policy.isEmpty()) {
            throw new ConflictException("Page #" + id + " has no escalation policy, so there is no next step");
        }
        if (page.nextStep() >= policy.get().steps().size()) {
            throw new ConflictException("Every step of page #" + id + " has fired; there is no next step");
        }
        Instant now = clock.instant();
        store.event(
                id,
                PageEvent.ESCALATED,
                actor.isSystem() ? null : actor.userId(),
                "Escalated now by " + actor.name() + " (" + via + ")",
                now);
        audit.record(actor, "page.escalated", "page", id, "via=" + via + " version=" + version);
        fire(id, version);
        return get(id);
    }

    /**
     * A page that belongs to the past (demo history): who was notified and when, who acknowledged
     * it and when, when it resolved. {@code alertGroupId} is the alert group that opened it (null
     * when none is kept); {@code incidentId} is null for a page that never became one.
     */
    public record HistoricalPage(
            long policyId,
            Long alertGroupId,
            Long incidentId,
            String title,
            Instant openedAt,
            List<Notified> notified,
            Long acknowledgedBy,
            Instant acknowledgedAt,
            Instant resolvedAt,
            String resolvedReason) {

        public record Notified(long userId, Instant at) {}
    }

    /**
     * Writes a past page with its history at its own times: nothing is scheduled, nobody is
     * notified and no event is published (the incidents it belongs to keep their own times). A
     * past page is always resolved.
     */
    @Transactional
    public long recordHistorical(HistoricalPage past) {
        if (past.resolvedAt() == null) {
            throw new InvalidInputException("resolvedAt", "is required: a past page is resolved");
        }
        EscalationPolicy policy = policies.find(past.policyId())
                .orElseThrow(() -> new InvalidInputException("policyId", "is not a known escalation policy"));
        long id = store.insert(
                policy.id(),
                policy.name(),
                past.alertGroupId(),
                past.incidentId(),
                past.title(),
                null,
                null,
                past.openedAt());
        store.event(id, PageEvent.OPENED, null, "Opened by an alert through " + policy.name(), past.openedAt());
        for (HistoricalPage.Notified n : past.notified()) {
            String name = users.find(n.userId()).map(UserView::name).orElse("#" + n.userId());
            store.event(id, PageEvent.NOTIFIED, n.userId(), name, n.at());
        }
        if (past.acknowledgedBy() != null && past.acknowledgedAt() != null) {
            String name = users.find(past.acknowledgedBy()).map(UserView::name).orElse("#" + past.acknowledgedBy());
            store.acknowledge(id, past.acknowledgedBy(), "web", past.acknowledgedAt());
            store.event(
                    id,
                    PageEvent.ACKNOWLEDGED,
                    past.acknowledgedBy(),
                    "Acknowledged by " + name + " (web)",
                    past.acknowledgedAt());
        }
        String why = past.resolvedReason() == null ? "Resolved" : past.resolvedReason();
        store.resolve(id, why, past.resolvedAt());
        store.event(id, PageEvent.RESOLVED, null, why, past.resolvedAt());
        return id;
    }

    /** Acknowledges (idempotent for an already acknowledged page); stops the escalation. */
    @Transactional
    public PageView acknowledge(long id, Actor actor, String via) {
        if (!actor.isSystem()) {
            Actors.requireWrite(actor);
        }
        PageView page = get(id);
        if (page.status() == PageStatus.RESOLVED) {
            throw new ConflictException("Page #" + id + " is already resolved");
        }
        Instant now = clock.instant();
        if (store.acknowledge(id, actor.userId(), via, now)) {
            store.event(
                    id,
                    PageEvent.ACKNOWLEDGED,
                    actor.isSystem() ? null : actor.userId(),
                    "Acknowledged by " + actor.name() + " (" + via + ")",
                    now);
            int cancelled = notifications.cancel(PageView.topic(id));
            if (!actor.isSystem()) {
                audit.record(actor, "page.acknowledged", "page", id, "via=" + via + " cancelled=" + cancelled);
            }
            events.publishEvent(new PageAcknowledged(id, page.alertGroupId(), page.incidentId(), actor.userId(), now));
            log.info("event=page_acknowledged page={} by={} via={}", id, actor.userId(), via);
        }
        return get(id);
    }

    /** Resolves: the escalation ends and pending notifications are cancelled. */
    @Transactional
    public PageView resolve(long id, Actor actor, String reason) {
        if (!actor.isSystem()) {
            Actors.requireWrite(actor);
        }
        get(id);
        Instant now = clock.instant();
        String why = reason == null || reason.isBlank() ? "Resolved by " + actor.name() : reason.strip();
        if (store.resolve(id, why.length() > 500 ? why.substring(0, 500) : why, now)) {
            store.event(id, PageEvent.RESOLVED, actor.isSystem() ? null : actor.userId(), why, now);
            notifications.cancel(PageView.topic(id));
            if (!actor.isSystem()) {
                audit.record(actor, "page.resolved", "page", id, why);
            }
        }
        return get(id);
    }

    /** The alert group resolved: its open page ends. Called in the ingest transaction. */
    @Transactional
    public void alertGroupResolved(long alertGroupId) {
        store.openForAlertGroup(alertGroupId).ifPresent(id -> resolve(id, Actor.SYSTEM, "The alert resolved"));
    }

    /** The sender acknowledged the alert (e.g. a PagerDuty acknowledge event). */
    @Transactional
    public void alertGroupAcknowledged(long alertGroupId) {
        store.openForAlertGroup(alertGroupId)
                .filter(id -> get(id).open())
                .ifPresent(id -> acknowledge(id, Actor.SYSTEM, "alert source"));
    }

    @EventListener
    void incidentChanged(IncidentChanged change) {
        if (change.kind() == ChangeKind.STATUS
                && DONE_STATUSES.contains(change.data().get("to"))) {
            for (long id : store.unresolvedForIncident(change.incidentId())) {
                resolve(id, Actor.SYSTEM, "The incident was " + change.data().get("to"));
            }
        }
    }

    /** Acknowledges through a one-time link; the link's person is the one who acknowledged. */
    @Transactional
    public LinkOutcome acknowledgeByLink(String token) {
        Claimed claimed = claimed(token);
        if (claimed.refusal() != null) {
            return claimed.refusal();
        }
        store.spend(claimed.link().nonce(), clock.instant());
        UserView person = claimed.person();
        Role role = person.role() == Role.VIEWER ? Role.RESPONDER : person.role();
        PageView acked = acknowledge(
                claimed.page().id(), new Actor(person.id(), person.email(), person.name(), role, null), "link");
        return new LinkOutcome(acked, person, true, "Acknowledged. The escalation has stopped.");
    }

    /** What a link would do, without doing it (the confirmation page). */
    public LinkOutcome inspectLink(String token) {
        Claimed claimed = claimed(token);
        return claimed.refusal() != null
                ? claimed.refusal()
                : new LinkOutcome(claimed.page(), claimed.person(), true, null);
    }

    private record Claimed(PageStore.Link link, PageView page, UserView person, LinkOutcome refusal) {}

    /** The link behind a token with a valid signature; a used link or a closed page says why it does nothing. */
    private Claimed claimed(String token) {
        AckLinks.Claim claim =
                links.verify(token).orElseThrow(() -> new NotFoundException("This acknowledgement link"));
        PageStore.Link link = store.link(claim.nonce())
                .filter(l -> l.pageId() == claim.pageId() && l.userId() == claim.userId())
                .orElseThrow(() -> new NotFoundException("This acknowledgement link"));
        PageView page = get(link.pageId());
        UserView person = users.get(link.userId());
        LinkOutcome refusal = null;
        if (link.usedAt() != null) {
            refusal = new LinkOutcome(page, person, false, "This link was already used.");
        } else if (!page.open()) {
            refusal = new LinkOutcome(
                    page, person, false, "The page is already " + page.status().json() + ".");
        }
        return new Claimed(link, page, person, refusal);
    }

    public record LinkOutcome(PageView page, UserView person, boolean acted, String message) {}

    public PageView get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Page " + id));
    }

    public CursorPage<PageView> page(
            PageStatus status, Long incidentId, Long notifiedUserId, String cursor, int limit) {
        return CursorPage.of(
                store.page(status, incidentId, notifiedUserId, CursorPage.decode(cursor), limit), limit, PageView::id);
    }

    /** The latest page of each alert group that has one (for showing paging state beside alerts). */
    public java.util.Map<Long, PageView> latestForAlertGroups(java.util.Collection<Long> alertGroupIds) {
        return alertGroupIds.isEmpty() ? java.util.Map.of() : store.latestForAlertGroups(alertGroupIds);
    }

    public List<PageEvent> history(long id) {
        get(id);
        return store.events(id);
    }

    public List<DeliveryView> deliveries(long id) {
        return notifications.deliveries(PageView.topic(id));
    }

    private void scheduleStep(long pageId, long version, Instant at) {
        jobs.schedule(new TaskInstance<Void>(STEP_TASK, pageId + ":" + version), at);
    }
}
