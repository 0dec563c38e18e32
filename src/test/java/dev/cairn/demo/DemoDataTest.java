package dev.cairn.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.UserView;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Participant;
import dev.cairn.support.IntegrationTest;
import dev.cairn.timeline.EntryKind;
import dev.cairn.timeline.Timeline;
import dev.cairn.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo data as an analyst would look at it, on PostgreSQL: six months of incidents with
 * drills, private and night incidents, roles, timelines and a recognisable expert. Other test
 * classes share the database, so only what this generator returned is counted.
 */
class DemoDataTest extends IntegrationTest {

    private static final Instant NOW = Instant.parse("2026-10-14T15:20:00Z");
    private static DemoSummary summary;
    private static List<Incident> created;
    private static Instant now;

    @Autowired
    DemoData demo;

    @Autowired
    Incidents incidents;

    @Autowired
    IncidentPeople roles;

    @Autowired
    Timeline timeline;

    @Autowired
    dev.cairn.escalation.EscalationPolicies policies;

    @Autowired
    dev.cairn.catalog.Services services;

    @Autowired
    dev.cairn.action.ActionItems actions;

    @Autowired
    dev.cairn.review.Reviews reviews;

    @Autowired
    dev.cairn.review.ReviewReads reads;

    @Autowired
    dev.cairn.alerting.Routing routing;

    private static dev.cairn.alerting.Routing demoRouting;

    /**
     * The demo's routing rules match any alert with their labels: other test classes on the shared
     * database send alerts of their own, so the rules go when this class is done.
     */
    @org.junit.jupiter.api.AfterAll
    static void removeDemoRoutingRules() {
        if (demoRouting != null) {
            demoRouting.rules().stream()
                    .filter(r -> List.of(
                                    "Critical in production declares an incident",
                                    "Payments API alerts join its open incident",
                                    "Checkout and cart alerts go to Checkout")
                            .contains(r.name()))
                    .forEach(r -> demoRouting.delete(r.id(), Actor.SYSTEM));
        }
    }

    @BeforeEach
    void generateOnce() {
        demoRouting = routing;
        if (summary == null) {
            // A fixed "now" makes the content, and so every number below, the same on every run.
            now = NOW;
            summary = demo.generate(42, now);
            created = summary.incidentIds().stream()
                    .map(id -> incidents.get(id, Actor.SYSTEM))
                    .toList();
        }
    }

    @Test
    void createsSixMonthsOfIncidentsForAnOrganisation() {
        assertThat(summary.incidents()).isEqualTo(300);
        assertThat(summary.people()).isBetween(30, 40);
        assertThat(summary.teams()).isEqualTo(6);
        assertThat(summary.services()).isBetween(15, 16);
        assertThat(summary.took()).isLessThan(Duration.ofSeconds(120));

        Instant first = created.stream()
                .map(Incident::declaredAt)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant last = created.stream()
                .map(Incident::declaredAt)
                .max(Instant::compareTo)
                .orElseThrow();
        assertThat(first).isBetween(now.minus(Duration.ofDays(183)), now.minus(Duration.ofDays(170)));
        assertThat(last).isBetween(now.minus(Duration.ofDays(2)), now);

        long drills = count(i -> i.type() == IncidentType.DRILL);
        long restricted = count(i -> i.type() == IncidentType.PRIVATE);
        assertThat(drills).isBetween(12L, 40L);
        assertThat(restricted).isBetween(3L, 20L);

        Map<String, Long> severities =
                created.stream().collect(Collectors.groupingBy(Incident::severity, Collectors.counting()));
        assertThat(severities.get("SEV3") + severities.get("SEV4")).isGreaterThan(200);
        assertThat(severities).containsKeys("SEV1", "SEV2");
    }

    @Test
    void resolvedIncidentsHaveActionItemsInEveryDecisionStateSomeOverdue() {
        List<dev.cairn.action.ActionItem> items = created.stream()
                .flatMap(i -> actions.ofIncident(i.id(), Actor.SYSTEM).stream())
                .toList();
        assertThat(items).hasSizeGreaterThanOrEqualTo(12);
        assertThat(items.stream().map(dev.cairn.action.ActionItem::decision).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(dev.cairn.action.Decision.values());
        assertThat(items).anyMatch(dev.cairn.action.ActionItem::done);
        assertThat(created.stream()
                        .filter(i -> i.resolvedAt() != null
                                && i.resolvedAt().isAfter(NOW.minus(java.time.Duration.ofDays(30))))
                        .filter(i -> !actions.ofIncident(i.id(), Actor.SYSTEM).isEmpty()))
                .as("the last month has action items too (the learning-health chart)")
                .isNotEmpty();
        assertThat(items)
                .as("overdue against the real today: due dates were set relative to the demo's now, in the past")
                .anyMatch(a ->
                        a.dueOn() != null && a.dueOn().isBefore(java.time.LocalDate.ofInstant(NOW, ZoneId.of("UTC"))));
        assertThat(created.stream()
                        .filter(i -> !actions.ofIncident(i.id(), Actor.SYSTEM).isEmpty()))
                .allMatch(i -> i.resolvedAt() != null && i.type() == dev.cairn.incident.IncidentType.DEFAULT);
    }

    @Test
    void everyServicePagesThroughItsTeamsPolicyAndWhoeverIsOnCall() {
        var demoPolicies = policies.all().stream()
                .filter(p -> p.description() != null && p.description().startsWith("Whoever is on call for"))
                .toList();
        assertThat(demoPolicies).hasSize(6);
        for (var service : services.all()) {
            if (service.name().startsWith("Demo ")
                    || policies.forService(service.id()).isEmpty()) {
                continue;
            }
            var policy = policies.get(policies.forService(service.id()).orElseThrow());
            assertThat(policy.steps().getFirst().targets().getFirst().kind())
                    .isEqualTo(dev.cairn.escalation.TargetKind.SCHEDULE);
        }
        assertThat(demoPolicies.stream().mapToInt(p -> p.serviceIds().size()).sum())
                .isEqualTo(summary.services());
    }

    @Test
    void resolvedIncidentsEndAfterTheyStartAndAFewAreStillOpen() {
        List<Incident> open = created.stream().filter(i -> i.status().open()).toList();
        assertThat(open).hasSizeBetween(2, 6);
        assertThat(open).allSatisfy(i -> assertThat(i.declaredAt()).isAfter(now.minus(Duration.ofDays(3))));
        assertThat(created.stream().filter(i -> !i.status().open()))
                .hasSizeGreaterThan(290)
                .allSatisfy(i -> assertThat(i.resolvedAt()).isAfter(i.declaredAt()));
        assertThat(count(i -> i.status() == IncidentStatus.CLOSED)).isBetween(60L, 200L);
        assertThat(created)
                .allSatisfy(i -> assertThat(i.impactStartedAt()).isBeforeOrEqualTo(i.detectedAt()))
                .allSatisfy(i -> assertThat(i.detectedAt()).isBeforeOrEqualTo(i.declaredAt()));
        // Resolution takes minutes to hours, not milliseconds and not weeks.
        assertThat(created.stream().filter(i -> i.resolvedAt() != null))
                .allSatisfy(i -> assertThat(Duration.between(i.declaredAt(), i.resolvedAt()))
                        .isBetween(Duration.ofMinutes(15), Duration.ofHours(20)));
    }

    @Autowired
    dev.cairn.escalation.Paging paging;

    @Test
    void pagesReachWhoeverWasOnCallAtNightTooAndSomeNeverBecameIncidents() {
        List<dev.cairn.escalation.PageView> pages = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = paging.page(dev.cairn.escalation.PageStatus.RESOLVED, null, null, cursor, 200);
            page.items().stream()
                    .filter(p -> !p.createdAt().isBefore(now.minus(Duration.ofDays(190)))
                            && p.createdAt().isBefore(now))
                    .forEach(pages::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        List<dev.cairn.escalation.PageView> ours = pages.stream()
                .filter(p -> p.incidentId() == null || summary.incidentIds().contains(p.incidentId()))
                .toList();
        long forIncidents = ours.stream().filter(p -> p.incidentId() != null).count();
        long noise = ours.stream().filter(p -> p.incidentId() == null).count();
        // Every real incident that had someone on call, and 36 alerts per team's policy.
        assertThat(forIncidents).isBetween(250L, 300L);
        assertThat(noise).isBetween(150L, (long) 6 * DemoPages.NOISE_PER_POLICY);
        assertThat(ours).allSatisfy(p -> assertThat(p.resolvedAt()).isAfter(p.createdAt()));
        assertThat(ours).anyMatch(p -> p.acknowledgedAt() == null);

        Map<Long, UserView> people = users.byIds(
                summary.incidentIds().isEmpty()
                        ? java.util.Set.of()
                        : ours.stream()
                                .flatMap(p -> paging.history(p.id()).stream())
                                .map(dev.cairn.escalation.PageEvent::userId)
                                .filter(java.util.Objects::nonNull)
                                .collect(Collectors.toSet()));
        long nightPages = ours.stream()
                .flatMap(p -> paging.history(p.id()).stream())
                .filter(e -> e.kind().equals(dev.cairn.escalation.PageEvent.NOTIFIED))
                .filter(e -> {
                    int hour = e.at().atZone(ZoneId.of(people.get(e.userId()).timeZone()))
                            .getHour();
                    return hour >= 23 || hour < 8;
                })
                .count();
        assertThat(nightPages).isGreaterThan(60);

        var load = admin().get("/api/v1/insights/load?from="
                + now.minus(Duration.ofDays(185)).toString().substring(0, 10) + "&to="
                + now.toString().substring(0, 10));
        assertThat(load.status()).isEqualTo(200);
        long received = 0;
        for (var person : load.json().get("people")) {
            received += person.get("pages").asLong();
        }
        assertThat(received).isGreaterThanOrEqualTo(forIncidents + noise);
    }

    @Autowired
    dev.cairn.alerting.AlertGroups alertGroups;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The demo's integrations, by name (other test classes add their own to the shared database). */
    private Map<String, Long> demoIntegrations() {
        Map<String, Long> found = new java.util.HashMap<>();
        String cursor = null;
        do {
            var page = admin().get("/api/v1/integrations?limit=200" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            for (var i : page.get("items")) {
                String name = i.get("name").asString();
                if (List.of(DemoAlerts.PROMETHEUS, DemoAlerts.GRAFANA, DemoAlerts.DATADOG, DemoAlerts.UPTIME)
                        .contains(name)) {
                    found.putIfAbsent(name, i.get("id").asLong());
                }
            }
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return found;
    }

    @Test
    void pagesCameFromAlertGroupsOfRealIntegrationsRoutedByRealRules() {
        Map<String, Long> integrations = demoIntegrations();
        assertThat(integrations)
                .containsOnlyKeys(DemoAlerts.PROMETHEUS, DemoAlerts.GRAFANA, DemoAlerts.DATADOG, DemoAlerts.UPTIME);
        assertThat(admin().get("/api/v1/integrations/" + integrations.get(DemoAlerts.UPTIME))
                        .json()
                        .get("mapping")
                        .get("dedupKey")
                        .asString())
                .isEqualTo("/id");
        assertThat(admin().get("/api/v1/routing-rules").json())
                .extracting(r -> r.get("name").asString())
                .contains(
                        "Critical in production declares an incident",
                        "Payments API alerts join its open incident",
                        "Checkout and cart alerts go to Checkout");
        // The bad payloads view of the uptime checks has examples, named by what was wrong.
        var rejected = admin().get("/api/v1/integrations/" + integrations.get(DemoAlerts.UPTIME) + "/rejected")
                .json();
        assertThat(rejected)
                .extracting(r -> r.get("reason").asString())
                .anySatisfy(reason -> assertThat(reason).contains("nothing at JSON pointer /id"));

        List<dev.cairn.alerting.AlertGroupView> groups = new java.util.ArrayList<>();
        for (long integration : integrations.values()) {
            String cursor = null;
            do {
                var page = alertGroups.page(null, integration, null, null, cursor, 200, Actor.SYSTEM);
                groups.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        // One group per historical page, over the whole history, all resolved with their page.
        assertThat(groups).hasSizeBetween(400, 520);
        assertThat(groups).allSatisfy(g -> {
            assertThat(g.status()).isEqualTo("resolved");
            assertThat(g.resolvedAt()).isAfter(g.firstSeen());
            assertThat(g.serviceId()).isNotNull();
        });
        assertThat(groups.stream().map(dev.cairn.alerting.AlertGroupView::firstSeen))
                .anyMatch(t -> t.isBefore(now.minus(Duration.ofDays(150))))
                .anyMatch(t -> t.isAfter(now.minus(Duration.ofDays(7))));
        assertThat(groups).anyMatch(g -> g.count() > 3);
        assertThat(groups)
                .filteredOn(dev.cairn.alerting.AlertGroupView::flapping)
                .isNotEmpty();
        assertThat(groups).anyMatch(g -> g.ruleId() != null && g.incidentId() != null);
        dev.cairn.alerting.AlertGroupView repeated =
                groups.stream().filter(g -> g.count() > 1).findFirst().orElseThrow();
        assertThat(alertGroups.events(repeated.id()))
                .as("every repeat and the resolve are kept as alert events")
                .isEqualTo(repeated.count() + 1);
        Map<Long, dev.cairn.escalation.PageView> pages = paging.latestForAlertGroups(
                groups.stream().map(dev.cairn.alerting.AlertGroupView::id).toList());
        assertThat(pages).hasSameSizeAs(groups);
        assertThat(groups).allSatisfy(g -> {
            var page = pages.get(g.id());
            assertThat(page.title()).isEqualTo(g.title());
            assertThat(page.incidentId()).isEqualTo(g.incidentId());
            assertThat(page.createdAt()).isEqualTo(g.firstSeen());
            assertThat(page.resolvedAt()).isEqualTo(g.resolvedAt());
            assertThat(g.acknowledgedAt()).isEqualTo(page.acknowledgedAt());
        });

        // A real incident's room shows the alert that started it, in its Alerts card and the API.
        dev.cairn.alerting.AlertGroupView ofIncident = groups.stream()
                .filter(g -> g.incidentId() != null)
                .filter(g ->
                        created.stream().anyMatch(i -> i.id() == g.incidentId() && i.type() == IncidentType.DEFAULT))
                .findFirst()
                .orElseThrow();
        long incidentId = ofIncident.incidentId();
        var api = admin().get("/api/v1/alert-groups?incidentId=" + incidentId).json();
        assertThat(api.get("items"))
                .extracting(g -> g.get("title").asString())
                .containsExactly(incidents.get(incidentId, Actor.SYSTEM).title());
        dev.cairn.support.Browser browser = new dev.cairn.support.Browser(port);
        browser.signIn("admin@cairn.test", ADMIN_PASSWORD);
        assertThat(browser.get("/incidents/" + incidentId + "/alerts").body())
                .contains("data-testid=\"recent-alert\"", "paging: resolved", "Nothing firing");

        // Nobody was notified for any of it, and no escalation step waits to run.
        long pageId = pages.get(ofIncident.id()).id();
        assertThat(admin().get("/api/v1/notifications?topic=page:" + pageId).json())
                .isEmpty();
        java.util.Set<Long> pageIds =
                pages.values().stream().map(dev.cairn.escalation.PageView::id).collect(Collectors.toSet());
        List<String> pending = jdbc.sql("select task_instance from scheduled_tasks where task_name = ?")
                .param(dev.cairn.escalation.Paging.STEP_TASK)
                .query(String.class)
                .list();
        assertThat(pending)
                .noneMatch(instance -> pageIds.contains(Long.parseLong(instance.substring(0, instance.indexOf(':')))));
    }

    @Test
    void someIncidentsHappenAtNightWhereTheCommanderLives() {
        Map<Long, UserView> people = users.byIds(created.stream()
                .flatMap(i -> i.holder(IncidentRole.COMMANDER).stream())
                .map(Incident.RoleHolder::userId)
                .collect(Collectors.toSet()));
        long night = created.stream()
                .filter(i -> i.holder(IncidentRole.COMMANDER).isPresent())
                .filter(i -> {
                    UserView commander =
                            people.get(i.holder(IncidentRole.COMMANDER).get().userId());
                    int hour = i.declaredAt()
                            .atZone(ZoneId.of(commander.timeZone()))
                            .getHour();
                    return hour >= 23 || hour < 8;
                })
                .count();
        assertThat(night).isBetween(30L, 100L);
        assertThat(people.values().stream().map(UserView::timeZone).distinct()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void incidentsHaveRolesParticipantsAndTimelinesInTheirOwnTime() {
        assertThat(count(i -> i.holder(IncidentRole.COMMANDER).isPresent())).isGreaterThan(255);
        assertThat(count(i -> i.holder(IncidentRole.COMMUNICATIONS_LEAD).isPresent()))
                .isGreaterThan(15);
        assertThat(count(i -> i.holder(IncidentRole.SCRIBE).isPresent())).isGreaterThan(10);
        assertThat(count(i -> !i.experts().isEmpty())).isGreaterThan(200);

        int starred = 0;
        int updates = 0;
        int left = 0;
        for (Incident incident : created.subList(0, 60)) {
            List<TimelineEntry> entries = timeline.chronological(incident.id(), Actor.SYSTEM);
            assertThat(entries).hasSizeBetween(5, 90);
            assertThat(entries.stream().filter(TimelineEntry::written)).hasSizeBetween(3, 45);
            // Everything carries the historical time of the incident, not the time of generation.
            Instant end = incident.closedAt() != null ? incident.closedAt() : incident.resolvedAt();
            assertThat(entries).allSatisfy(e -> assertThat(e.occurredAt()).isBetween(incident.declaredAt(), end));
            starred += (int) entries.stream().filter(TimelineEntry::starred).count();
            updates += (int) entries.stream()
                    .filter(e -> e.kind().equals(EntryKind.UPDATE))
                    .count();
            List<Participant> participants = roles.participants(incident.id(), Actor.SYSTEM);
            assertThat(participants).isNotEmpty();
            left += (int) participants.stream().filter(p -> !p.present()).count();
        }
        assertThat(starred).isGreaterThan(60);
        assertThat(updates).isGreaterThan(3);
        assertThat(left).isGreaterThan(5);
    }

    @Test
    void arielIsTheConsulExpertAndIsNeededLessOverTime() {
        long ariel =
                users.findByEmail("ariel.cohen@demo.cairn.local").orElseThrow().id();
        List<Incident> consul = created.stream()
                .filter(i -> i.services().stream().anyMatch(s -> s.name().equals("Consul")))
                .filter(i -> i.type() != IncidentType.DRILL)
                .toList();
        assertThat(consul).hasSizeGreaterThan(30);
        List<Incident> earlier = consul.subList(0, consul.size() / 3);
        List<Incident> later = consul.subList(consul.size() * 2 / 3, consul.size());
        assertThat(share(earlier, ariel)).isGreaterThan(0.5).isGreaterThan(share(later, ariel) + 0.1);
    }

    @Test
    void theSameSeedAndNowGiveTheSamePlan() {
        Instant at = Instant.parse("2026-03-01T10:15:30Z");
        assertThat(DemoData.plan(42, at)).isEqualTo(DemoData.plan(42, at));
        assertThat(DemoData.plan(42, at)).isNotEqualTo(DemoData.plan(43, at));
    }

    private static double share(List<Incident> incidents, long userId) {
        return incidents.stream()
                        .filter(i -> i.roles().stream().anyMatch(r -> r.userId() == userId))
                        .count()
                / (double) incidents.size();
    }

    private static long count(java.util.function.Predicate<Incident> predicate) {
        return created.stream().filter(predicate).count();
    }

    @Test
    void reviewsInEveryStateAndReadsFromSeveralTeams() {
        Map<dev.cairn.review.ReviewState, List<dev.cairn.review.Review>> byState = created.stream()
                .map(i -> reviews.get(i.id(), Actor.SYSTEM))
                .filter(r -> r.createdAt() != null)
                .collect(Collectors.groupingBy(dev.cairn.review.Review::state));
        assertThat(byState).containsKeys(dev.cairn.review.ReviewState.values());
        dev.cairn.review.Review draft =
                byState.get(dev.cairn.review.ReviewState.DRAFT).getFirst();
        assertThat(reviews.highlights(draft.incidentId(), Actor.SYSTEM))
                .hasSizeGreaterThanOrEqualTo(3)
                .anySatisfy(h -> assertThat(h.phases()).contains("waiting on vendor"))
                .anySatisfy(h -> assertThat(h.note()).isNotBlank());
        assertThat(reviews.comments(draft.incidentId(), Actor.SYSTEM))
                .anySatisfy(c -> assertThat(c.kind()).isEqualTo("question"));
        dev.cairn.review.Review inReview =
                byState.get(dev.cairn.review.ReviewState.IN_REVIEW).getFirst();
        assertThat(inReview.narrative()).contains("**");
        assertThat(reviews.comments(inReview.incidentId(), Actor.SYSTEM)).hasSizeGreaterThanOrEqualTo(2);

        List<dev.cairn.review.ReadFigures> figures = byState.get(dev.cairn.review.ReviewState.PUBLISHED).stream()
                .map(r -> reads.figures(r.incidentId(), Actor.SYSTEM))
                .filter(f -> f.readers() > 0)
                .toList();
        assertThat(figures).hasSizeGreaterThanOrEqualTo(10);
        assertThat(figures.stream()
                        .flatMap(f -> f.teams().stream())
                        .map(t -> t.team())
                        .distinct())
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(figures.stream().flatMap(f -> f.people().stream()))
                .allSatisfy(r -> assertThat(r.firstOpenedAt()).isBetween(now.minus(Duration.ofDays(90)), now));
    }
}
