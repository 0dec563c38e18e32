package dev.cairn.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.support.IntegrationTest;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Other modules record what they did in an incident as system entries of their own kind. */
class TimelineRecordTest extends IntegrationTest {

    @Autowired
    Timeline timeline;

    @Test
    void aRecordedEntryShowsOnTheTimelineWithItsKindAndWhoCausedIt() {
        Person ada = person(Role.RESPONDER);
        long incident = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Recorded entries\",\"severity\":\"SEV3\"}")
                .json()
                .get("id")
                .asLong();
        Actor actor = new Actor(ada.id(), ada.email(), "Test responder", Role.RESPONDER, null);
        TimelineEntry entry =
                timeline.record(incident, "checklist_ticked", "Ticked: Assign a commander", Map.of("item", "7"), actor);
        assertThat(entry.written()).isFalse();

        JsonNode items = ada.api()
                .get("/api/v1/incidents/" + incident + "/timeline")
                .json()
                .get("items");
        JsonNode recorded = StreamSupport.stream(items.spliterator(), false)
                .filter(e -> e.get("kind").asString().equals("checklist_ticked"))
                .findFirst()
                .orElseThrow();
        assertThat(recorded.get("body").asString()).isEqualTo("Ticked: Assign a commander");

        assertThatThrownBy(() -> timeline.record(incident, "message", "sneaky", Map.of(), actor))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> timeline.record(incident, "Bad Kind!", "x", Map.of(), actor))
                .isInstanceOf(InvalidInputException.class);
    }
}
