package dev.cairn.alerting.web;

import dev.cairn.alerting.IntegrationKind;
import java.util.List;

/** A kind of integration as the form offers it: a name people know and one line on what it does. */
record KindChoice(IntegrationKind kind, String label, String meaning) {

    static final List<KindChoice> ALL = List.of(
            new KindChoice(
                    IntegrationKind.ALERTMANAGER,
                    "Prometheus Alertmanager",
                    "A webhook receiver; resolved alerts close their group when send_resolved is on."),
            new KindChoice(
                    IntegrationKind.GRAFANA,
                    "Grafana alerting",
                    "A webhook contact point in Grafana; reads the same payload as Alertmanager."),
            new KindChoice(
                    IntegrationKind.PAGERDUTY,
                    "PagerDuty Events v2",
                    "Anything that can page PagerDuty: point it at Cairn and use this integration's routing key."),
            new KindChoice(
                    IntegrationKind.GENERIC,
                    "Any JSON webhook",
                    "You say where the title, dedup key, severity and status are, as JSON pointers."));

    public String value() {
        return kind.json();
    }

    static String labelOf(IntegrationKind kind) {
        return ALL.stream()
                .filter(c -> c.kind() == kind)
                .map(KindChoice::label)
                .findFirst()
                .orElse(kind.json());
    }
}
