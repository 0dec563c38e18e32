package dev.cairn.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.alerting.AlertGroups.HistoricalGroup;
import dev.cairn.identity.Actor;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Past alert groups (the demo's history): written at their own times, read like live ones. */
class AlertHistoryTest extends IntegrationTest {

    private static final Instant T = Instant.parse("2026-05-04T02:10:00Z");

    @Autowired
    AlertGroups groups;

    @Autowired
    Integrations integrations;

    @Test
    void aPastGroupKeepsItsTimesRepeatsAndResolveAndAKeyThatReopensIsFlapping() {
        long integration = integrations
                .create("history " + UUID.randomUUID(), IntegrationKind.ALERTMANAGER, null, null, Actor.SYSTEM)
                .integration()
                .id();
        AlertEvent disk = event("disk-" + UUID.randomUUID());

        long first = groups.recordHistorical(new HistoricalGroup(
                integration,
                disk,
                List.of(T, T.plus(Duration.ofMinutes(5)), T.plus(Duration.ofMinutes(10))),
                T.plus(Duration.ofMinutes(3)),
                T.plus(Duration.ofMinutes(20)),
                "{\"status\":\"resolved\"}",
                null,
                null,
                null));
        AlertGroupView group = groups.get(first);
        assertThat(group.status()).isEqualTo(AlertGroupView.RESOLVED);
        assertThat(group.count()).isEqualTo(3);
        assertThat(group.firstSeen()).isEqualTo(T);
        assertThat(group.lastSeen()).isEqualTo(T.plus(Duration.ofMinutes(20)));
        assertThat(group.acknowledgedAt()).isEqualTo(T.plus(Duration.ofMinutes(3)));
        assertThat(group.resolvedAt()).isEqualTo(T.plus(Duration.ofMinutes(20)));
        assertThat(group.flaps()).isZero();
        assertThat(groups.events(first)).as("three firings and the resolve").isEqualTo(4);

        Instant again = T.plus(Duration.ofMinutes(40));
        groups.recordHistorical(past(integration, disk, again, again.plus(Duration.ofMinutes(5))));
        Instant third = T.plus(Duration.ofHours(2));
        long flapping = groups.recordHistorical(past(integration, disk, third, third.plus(Duration.ofMinutes(5))));
        assertThat(groups.get(flapping).flaps()).isEqualTo(2);
        assertThat(groups.get(flapping).flapping()).isTrue();
        Instant nextWeek = T.plus(Duration.ofDays(7));
        long later = groups.recordHistorical(past(integration, disk, nextWeek, nextWeek.plus(Duration.ofMinutes(5))));
        assertThat(groups.get(later).flaps())
                .as("a day later it no longer counts")
                .isZero();
    }

    @Test
    void aPastGroupIsValidated() {
        long integration = integrations
                .create("history " + UUID.randomUUID(), IntegrationKind.GRAFANA, null, null, Actor.SYSTEM)
                .integration()
                .id();
        AlertEvent event = event("cpu-" + UUID.randomUUID());
        assertThatThrownBy(() -> groups.recordHistorical(past(integration, event, T, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a past group is resolved");
        assertThatThrownBy(() -> groups.recordHistorical(new HistoricalGroup(
                        integration,
                        event,
                        List.of(T, T.minusSeconds(60)),
                        null,
                        T.plusSeconds(60),
                        null,
                        null,
                        null,
                        null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("in order");
        assertThatThrownBy(() -> groups.recordHistorical(new HistoricalGroup(
                        integration,
                        event,
                        List.of(T),
                        T.plus(Duration.ofHours(2)),
                        T.plusSeconds(60),
                        null,
                        null,
                        null,
                        null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between the first alert and the resolve");
        assertThatThrownBy(() -> groups.recordHistorical(past(999_999_999L, event, T, T.plusSeconds(60))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a known integration");
    }

    private static HistoricalGroup past(long integration, AlertEvent event, Instant at, Instant resolved) {
        return new HistoricalGroup(integration, event, List.of(at), null, resolved, null, null, null, null);
    }

    private static AlertEvent event(String key) {
        return new AlertEvent(
                AlertEvent.Action.TRIGGER,
                key,
                "Disk usage above 85 %",
                "warning",
                "db-1",
                null,
                "{\"status\":\"firing\"}",
                Map.of("alertname", "DiskUsageHigh"));
    }
}
