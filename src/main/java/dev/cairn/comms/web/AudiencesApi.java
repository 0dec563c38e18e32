package dev.cairn.comms.web;

import dev.cairn.comms.Audience;
import dev.cairn.comms.AudienceInput;
import dev.cairn.comms.Audiences;
import dev.cairn.comms.Audiences.AddedRecipient;
import dev.cairn.identity.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audiences")
@Tag(name = "Audience updates", description = "Audiences, their templates, cadences and recipients; updates sent")
class AudiencesApi {

    private final Audiences audiences;

    AudiencesApi(Audiences audiences) {
        this.audiences = audiences;
    }

    /** What a new recipient is. */
    record RecipientInput(String channel, String address) {}

    @GetMapping
    @Operation(summary = "Every audience with its template, cadence per severity and recipients")
    List<Audience> list() {
        return audiences.all();
    }

    @GetMapping("/{id}")
    Audience get(@PathVariable long id) {
        return audiences.get(id);
    }

    @PostMapping
    @Operation(
            summary = "Create an audience (admins)",
            description = "template and subjectTemplate: Markdown with {{placeholders}} (title, reference, severity,"
                    + " severity_name, status, status_text, impact, actions, workaround, next_update, commander,"
                    + " services, key_moments, link, audience); cadence: {\"SEV1\": 30} minutes between updates")
    ResponseEntity<Audience> create(@RequestBody AudienceInput input) {
        Audience created = audiences.create(input, Actors.current().orElseThrow());
        return ResponseEntity.created(URI.create("/api/v1/audiences/" + created.id()))
                .body(created);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change an audience (admins); a cadence given replaces the whole cadence")
    Audience update(@PathVariable long id, @RequestBody AudienceInput input) {
        return audiences.update(id, input, Actors.current().orElseThrow());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        audiences.delete(id, Actors.current().orElseThrow());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/recipients")
    @Operation(
            summary = "Add a recipient (admins)",
            description = "channel email or webhook; a webhook's signing secret is in this answer only")
    ResponseEntity<AddedRecipient> addRecipient(@PathVariable long id, @RequestBody RecipientInput input) {
        AddedRecipient added = audiences.addRecipient(
                id, input.channel(), input.address(), Actors.current().orElseThrow());
        return ResponseEntity.created(URI.create("/api/v1/audiences/" + id + "/recipients/"
                        + added.recipient().id()))
                .body(added);
    }

    @DeleteMapping("/{id}/recipients/{recipientId}")
    ResponseEntity<Void> removeRecipient(@PathVariable long id, @PathVariable long recipientId) {
        audiences.removeRecipient(id, recipientId, Actors.current().orElseThrow());
        return ResponseEntity.noContent().build();
    }
}
