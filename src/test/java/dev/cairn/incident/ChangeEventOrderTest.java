package dev.cairn.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.support.IntegrationTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * A module that reacts to an incident change and reads the incident (checklists for the new
 * severity, reminders that stop when it resolves) sees the incident as changed, not as it was.
 */
@Import(ChangeEventOrderTest.Reader.class)
class ChangeEventOrderTest extends IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Reader {
        static final List<String> seen = new CopyOnWriteArrayList<>();

        @Bean
        Object changeReader(Incidents incidents) {
            return new Object() {
                @EventListener
                void on(IncidentChanged change) {
                    Incident now = incidents.get(change.incidentId(), Actor.SYSTEM);
                    switch (change.kind()) {
                        case SEVERITY -> seen.add("severity " + now.severity());
                        case STATUS -> seen.add("status " + now.status().json());
                        default -> {}
                    }
                }
            };
        }
    }

    @Test
    void listenersReadTheIncidentAsChanged() {
        Person ada = person(Role.RESPONDER);
        long id = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Order of events\",\"severity\":\"SEV3\"}")
                .json()
                .get("id")
                .asLong();
        Reader.seen.clear();
        ada.api().patch("/api/v1/incidents/" + id, "{\"severity\":\"SEV1\",\"status\":\"identified\"}");
        assertThat(Reader.seen).containsExactly("severity SEV1", "status identified");
    }
}
