package dev.cairn.identity.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.NewUser;
import dev.cairn.identity.Role;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import dev.cairn.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "The people who use Cairn")
class UsersApi {

    private final Users users;

    UsersApi(Users users) {
        this.users = users;
    }

    /** A created person; the one-time password is present only when Cairn chose it. */
    record CreatedUser(
            long id,
            String email,
            String name,
            String timeZone,
            Role role,
            String slackId,
            boolean active,
            @JsonInclude(JsonInclude.Include.NON_NULL) String oneTimePassword) {}

    @GetMapping
    @Operation(summary = "List people, newest first")
    CursorPage<UserView> list(
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return users.page(cursor, CursorPage.limit(limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One person")
    UserView get(@PathVariable long id) {
        return users.get(id);
    }

    @PostMapping
    @Operation(summary = "Create a person (admins)")
    ResponseEntity<CreatedUser> create(@AuthenticationPrincipal Actor actor, @RequestBody ApiRequests.UserCreate body) {
        Actors.requireAdmin(actor);
        Users.Created created = users.create(
                new NewUser(body.email(), body.name(), body.timeZone(), body.role(), body.password()), actor);
        UserView u = created.user();
        return ResponseEntity.created(URI.create("/api/v1/users/" + u.id()))
                .body(new CreatedUser(
                        u.id(),
                        u.email(),
                        u.name(),
                        u.timeZone(),
                        u.role(),
                        u.slackId(),
                        u.active(),
                        created.generatedPassword()));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a person's name, time zone, role, Slack id or active flag (admins)")
    UserView update(
            @AuthenticationPrincipal Actor actor, @PathVariable long id, @RequestBody ApiRequests.UserPatch body) {
        Actors.requireAdmin(actor);
        return users.update(id, body.name(), body.timeZone(), body.role(), body.slackId(), body.active(), actor);
    }
}
