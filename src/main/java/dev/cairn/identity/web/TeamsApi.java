package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.TeamView;
import dev.cairn.identity.Teams;
import dev.cairn.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams", description = "Teams and their members")
class TeamsApi {

    private final Teams teams;

    TeamsApi(Teams teams) {
        this.teams = teams;
    }

    @GetMapping
    @Operation(summary = "List teams with their members, newest first")
    CursorPage<TeamView> list(
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return teams.page(cursor, CursorPage.limit(limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One team with its members")
    TeamView get(@PathVariable long id) {
        return teams.get(id);
    }

    @PostMapping
    @Operation(summary = "Create a team (admins)")
    ResponseEntity<TeamView> create(@AuthenticationPrincipal Actor actor, @RequestBody ApiRequests.TeamWrite body) {
        TeamView team = teams.create(body.name(), body.description(), actor);
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(team);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename a team or change its description (admins)")
    TeamView update(
            @AuthenticationPrincipal Actor actor, @PathVariable long id, @RequestBody ApiRequests.TeamWrite body) {
        return teams.update(id, body.name(), body.description(), actor);
    }

    @PutMapping("/{id}/members/{userId}")
    @Operation(summary = "Add a person to a team (admins)")
    TeamView addMember(@AuthenticationPrincipal Actor actor, @PathVariable long id, @PathVariable long userId) {
        return teams.addMember(id, userId, actor);
    }

    @DeleteMapping("/{id}/members/{userId}")
    @Operation(summary = "Remove a person from a team (admins)")
    TeamView removeMember(@AuthenticationPrincipal Actor actor, @PathVariable long id, @PathVariable long userId) {
        return teams.removeMember(id, userId, actor);
    }
}
