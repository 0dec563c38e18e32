package dev.cairn.identity.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.ApiTokenView;
import dev.cairn.identity.ApiTokens;
import dev.cairn.identity.TokenScope;
import dev.cairn.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens", description = "The caller's own API tokens")
class TokensApi {

    private final ApiTokens tokens;

    TokensApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** A new token with its secret, which Cairn never shows again. */
    record CreatedToken(long id, String name, String hint, TokenScope scope, Instant createdAt, String secret) {}

    @GetMapping
    @Operation(summary = "Your tokens, newest first (no secrets)")
    CursorPage<ApiTokenView> list(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return tokens.page(actor.userId(), cursor, CursorPage.limit(limit));
    }

    @PostMapping
    @Operation(summary = "Create a token; the answer holds its secret once")
    ResponseEntity<CreatedToken> create(
            @AuthenticationPrincipal Actor actor, @RequestBody ApiRequests.TokenCreate body) {
        ApiTokens.Created created = tokens.create(actor, body.name(), body.scope());
        ApiTokenView t = created.token();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + t.id()))
                .body(new CreatedToken(t.id(), t.name(), t.hint(), t.scope(), t.createdAt(), created.secret()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a token")
    ApiTokenView revoke(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
        return tokens.revoke(actor, id);
    }
}
