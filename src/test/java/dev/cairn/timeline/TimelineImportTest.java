package dev.cairn.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Imported entries keep their original time and author, and a second import adds nothing. */
class TimelineImportTest extends IntegrationTest {

    @Autowired
    Timeline timeline;

    @Test
    void importedEntriesKeepTimeAndAuthorAndAreAddedOnce() {
        Person ada = person(Role.RESPONDER);
        long incident = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Imported entries\",\"severity\":\"SEV3\"}")
                .json()
                .get("id")
                .asLong();
        Actor actor = new Actor(ada.id(), ada.email(), "Ada", Role.RESPONDER, null);
        Instant then = Instant.parse("2024-03-05T09:01:00Z");
        List<ImportedEntry> entries = List.of(
                new ImportedEntry("k1", null, "Grace Hopper", "message", "rolled back", then),
                new ImportedEntry("k2", ada.id(), "Ada", "message", "errors dropping", then.plusSeconds(60)),
                new ImportedEntry("k1", null, "Grace Hopper", "message", "rolled back", then));

        assertThat(timeline.importEntries(incident, EntrySource.CHAT_LOG, entries, actor))
                .isEqualTo(2);
        assertThat(timeline.importEntries(incident, EntrySource.CHAT_LOG, entries, actor))
                .isZero();

        List<TimelineEntry> imported = timeline.chronological(incident, actor).stream()
                .filter(TimelineEntry::imported)
                .toList();
        assertThat(imported)
                .extracting(TimelineEntry::authorName)
                .containsExactly("Grace Hopper", users.get(ada.id()).name());
        assertThat(imported.getFirst().occurredAt()).isEqualTo(then);
        assertThat(imported.getFirst().authorId()).isNull();
        assertThat(imported.get(1).authorId()).isEqualTo(ada.id());
        assertThat(imported).allMatch(e -> e.source().equals("chat-log") && e.written());

        String room =
                ada.api().get("/api/v1/incidents/" + incident + "/timeline").body();
        assertThat(room).contains("\"authorName\":\"Grace Hopper\"").contains("\"source\":\"chat-log\"");

        assertThatThrownBy(() -> timeline.importEntries(incident, "web", entries, actor))
                .isInstanceOf(InvalidInputException.class);
        Actor viewer = new Actor(ada.id(), ada.email(), "Ada", Role.VIEWER, null);
        assertThatThrownBy(() -> timeline.importEntries(incident, EntrySource.VTT, entries, viewer))
                .isInstanceOf(dev.cairn.shared.ForbiddenException.class);
    }
}
