package dev.cairn.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plan alone, without a database: a consistent story for every incident, so writing it
 * through the module APIs cannot fail half-way.
 */
class DemoPlanTest {

    private static final Instant NOW = Instant.parse("2026-06-15T09:30:00Z");
    private final DemoPlan plan = DemoData.plan(42, NOW);

    @Test
    void stepsHappenInOrderAfterTheDeclarationAndBeforeNow() {
        for (DemoPlan.Incident incident : plan.incidents()) {
            assertThat(incident.steps()).isSortedAccordingTo(Comparator.comparing(DemoPlan.Step::at));
            assertThat(incident.steps())
                    .allSatisfy(s ->
                            assertThat(s.at()).isAfter(incident.declaredAt()).isBefore(NOW));
            assertThat(incident.impactStartedAt()).isBeforeOrEqualTo(incident.detectedAt());
            assertThat(incident.detectedAt()).isBeforeOrEqualTo(incident.declaredAt());
        }
    }

    @Test
    void onlyPeopleAlreadyInTheRoomActInAPrivateIncident() {
        List<DemoPlan.Incident> restricted = plan.incidents().stream()
                .filter(i -> i.type() == IncidentType.PRIVATE)
                .toList();
        assertThat(restricted).isNotEmpty();
        for (DemoPlan.Incident incident : restricted) {
            Set<String> members = new HashSet<>(Set.of(incident.declaredBy()));
            for (DemoPlan.Step step : incident.steps()) {
                assertThat(members).as("%s in %s", step, incident.title()).contains(step.by());
                switch (step) {
                    case DemoPlan.Join join -> members.add(join.person());
                    case DemoPlan.AssignRole assign -> members.add(assign.person());
                    default -> {}
                }
            }
        }
    }

    @Test
    void statusMovesForwardWithGapsOfMinutesToHours() {
        for (DemoPlan.Incident incident : plan.incidents()) {
            List<DemoPlan.ChangeStatus> changes = incident.steps().stream()
                    .filter(DemoPlan.ChangeStatus.class::isInstance)
                    .map(DemoPlan.ChangeStatus.class::cast)
                    .toList();
            Instant previous = incident.declaredAt();
            IncidentStatus status = IncidentStatus.INVESTIGATING;
            for (DemoPlan.ChangeStatus change : changes) {
                assertThat(change.status()).isGreaterThan(status);
                assertThat(Duration.between(previous, change.at())).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
                previous = change.at();
                status = change.status();
            }
        }
    }

    @Test
    void mostlyRealIncidentsWithSomeDrillsAndAFewPrivateOnes() {
        long drills = plan.incidents().stream()
                .filter(i -> i.type() == IncidentType.DRILL)
                .count();
        long restricted = plan.incidents().stream()
                .filter(i -> i.type() == IncidentType.PRIVATE)
                .count();
        assertThat(plan.incidents()).hasSize(300);
        assertThat(drills).isBetween(12L, 40L);
        assertThat(restricted).isBetween(3L, 20L);
        assertThat(plan.people()).allSatisfy(p -> assertThat(p.email()).endsWith("@demo.cairn.local"));
        assertThat(plan.services())
                .allSatisfy(s -> assertThat(s.links().getFirst().url()).startsWith("https://runbooks.example.com/"));
    }

    @Test
    void theConsulExpertIsInMostConsulIncidentsAtFirstAndFewerLaterWhateverTheSeed() {
        String ariel = "ariel.cohen@demo.cairn.local";
        for (long seed = 1; seed <= 20; seed++) {
            List<DemoPlan.Incident> consul = DemoData.plan(seed, NOW).incidents().stream()
                    .filter(i -> i.services().contains("Consul") && i.type() != IncidentType.DRILL)
                    .toList();
            List<DemoPlan.Incident> earlier = consul.subList(0, consul.size() / 3);
            List<DemoPlan.Incident> later = consul.subList(consul.size() * 2 / 3, consul.size());
            assertThat(involvement(earlier, ariel))
                    .as("seed %d", seed)
                    .isGreaterThan(0.5)
                    .isGreaterThan(involvement(later, ariel) + 0.1);
        }
    }

    private static double involvement(List<DemoPlan.Incident> incidents, String person) {
        return incidents.stream()
                        .filter(i -> i.declaredBy().equals(person)
                                || i.steps().stream()
                                        .anyMatch(s -> s instanceof DemoPlan.AssignRole a
                                                && a.person().equals(person)))
                        .count()
                / (double) incidents.size();
    }

    @Test
    void sameSeedAndNowGiveTheSamePlanAndAnotherNowMovesIt() {
        assertThat(DemoData.plan(42, NOW)).isEqualTo(plan);
        assertThat(DemoData.plan(42, NOW.plus(Duration.ofDays(1)))).isNotEqualTo(plan);
    }
}
