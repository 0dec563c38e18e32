package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.TokenScope;
import dev.cairn.identity.UserView;
import dev.cairn.identity.Users;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The caller's own profile")
class MeApi {

    private final Users users;

    MeApi(Users users) {
        this.users = users;
    }

    /** The caller; scope is the token's scope ({@code null} for a signed-in session). */
    record Me(long id, String email, String name, Role role, String timeZone, String slackId, TokenScope scope) {

        static Me of(UserView user, Actor actor) {
            return new Me(
                    user.id(), user.email(), user.name(), user.role(), user.timeZone(), user.slackId(), actor.scope());
        }
    }

    @GetMapping
    @Operation(summary = "Who is calling")
    Me me(@AuthenticationPrincipal Actor actor) {
        return Me.of(users.get(actor.userId()), actor);
    }

    @PatchMapping
    @Operation(summary = "Change your name, time zone or Slack member id")
    Me update(@AuthenticationPrincipal Actor actor, @RequestBody ApiRequests.MePatch patch) {
        UserView user =
                users.update(actor.userId(), patch.name(), patch.timeZone(), null, patch.slackId(), null, actor);
        return Me.of(user, actor);
    }
}
