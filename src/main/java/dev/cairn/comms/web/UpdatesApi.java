package dev.cairn.comms.web;

import dev.cairn.comms.AudienceUpdates;
import dev.cairn.comms.ComposeUpdate;
import dev.cairn.comms.Draft;
import dev.cairn.comms.Follows;
import dev.cairn.comms.SendUpdates;
import dev.cairn.comms.SentUpdate;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audience updates", description = "Audiences, their templates, cadences and recipients; updates sent")
class UpdatesApi {

    private final AudienceUpdates updates;
    private final Follows follows;

    UpdatesApi(AudienceUpdates updates, Follows follows) {
        this.updates = updates;
        this.follows = follows;
    }

    /** Which audience to follow as. */
    record FollowInput(Long audienceId) {}

    @GetMapping("/api/v1/incidents/{id}/updates")
    @Operation(summary = "Updates sent to audiences for an incident, newest first")
    CursorPage<SentUpdate> list(
            @PathVariable long id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return updates.list(
                id, cursor, CursorPage.limit(limit), Actors.current().orElseThrow());
    }

    @PostMapping("/api/v1/incidents/{id}/updates/drafts")
    @Operation(
            summary = "A draft per audience from one update",
            description = "impact, actions, workaround, nextUpdateAt; filled into each audience's template with"
                    + " the incident's state and its latest starred entries. Nothing is sent.")
    List<Draft> drafts(@PathVariable long id, @RequestBody ComposeUpdate update) {
        return updates.drafts(id, update, Actors.current().orElseThrow());
    }

    @PostMapping("/api/v1/incidents/{id}/updates")
    @Operation(
            summary = "Send updates to audiences",
            description = "updates: [{audience: slug or id, subject?, body?}] — a missing subject or body is the"
                    + " audience's draft. Each is sent to the audience's recipients and followers, recorded on"
                    + " the timeline, and re-arms the audience's cadence.")
    ResponseEntity<List<SentUpdate>> send(@PathVariable long id, @RequestBody SendUpdates request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(updates.send(id, request, Actors.current().orElseThrow()));
    }

    @GetMapping("/api/v1/incidents/{id}/follow")
    @Operation(summary = "Whether you follow the incident, and as which audience")
    Map<String, Object> incidentFollow(@PathVariable long id) {
        Actor me = Actors.current().orElseThrow();
        return following(follows.followingIncident(id, me).orElse(null));
    }

    @PutMapping("/api/v1/incidents/{id}/follow")
    @Operation(summary = "Follow an incident as an audience (anyone who can see it)")
    Map<String, Object> followIncident(@PathVariable long id, @RequestBody FollowInput input) {
        follows.followIncident(id, audience(input), Actors.current().orElseThrow());
        return following(input.audienceId());
    }

    @DeleteMapping("/api/v1/incidents/{id}/follow")
    ResponseEntity<Void> unfollowIncident(@PathVariable long id) {
        follows.unfollowIncident(id, Actors.current().orElseThrow());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/services/{id}/follow")
    @Operation(summary = "Follow a service as an audience: updates of its incidents reach you")
    Map<String, Object> followService(@PathVariable long id, @RequestBody FollowInput input) {
        follows.followService(id, audience(input), Actors.current().orElseThrow());
        return following(input.audienceId());
    }

    @DeleteMapping("/api/v1/services/{id}/follow")
    ResponseEntity<Void> unfollowService(@PathVariable long id) {
        follows.unfollowService(id, Actors.current().orElseThrow());
        return ResponseEntity.noContent().build();
    }

    private static long audience(FollowInput input) {
        if (input == null || input.audienceId() == null) {
            throw new dev.cairn.shared.InvalidInputException("audienceId", "is required");
        }
        return input.audienceId();
    }

    private static Map<String, Object> following(Long audienceId) {
        return audienceId == null ? Map.of("following", false) : Map.of("following", true, "audienceId", audienceId);
    }
}
