package dev.cairn.statuspage.web;

import dev.cairn.identity.SecretUrlSecurity;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.statuspage.StatusSubscriptions;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /status/**}: the public status page, its feeds and JSON, answered from the node's
 * snapshot with {@code Cache-Control: public} and an ETag; and the subscription pages (sign up,
 * confirm, unsubscribe), which need no sign-in.
 */
@Controller
class StatusPublicPages {

    static final String CACHE = "public, max-age=5";
    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final Snapshots snapshots;
    private final PublicRenderer renderer;
    private final StatusSubscriptions subscriptions;

    StatusPublicPages(Snapshots snapshots, PublicRenderer renderer, StatusSubscriptions subscriptions) {
        this.snapshots = snapshots;
        this.renderer = renderer;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/status")
    ResponseEntity<byte[]> page(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
        return answer(snapshots.get().html(), HTML, etag);
    }

    @GetMapping("/status/history")
    ResponseEntity<byte[]> history(
            @RequestParam(required = false) String cursor,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
        return answer(renderer.history(snapshots.get(), cursor), HTML, etag);
    }

    @GetMapping("/status/incidents/{id}")
    ResponseEntity<byte[]> incident(
            @PathVariable long id, @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
        return answer(renderer.incident(snapshots.get(), id), HTML, etag);
    }

    @GetMapping("/status/api/v1/summary.json")
    ResponseEntity<byte[]> summary(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
        return answer(snapshots.get().json(), MediaType.APPLICATION_JSON, etag);
    }

    @GetMapping("/status/feed.atom")
    ResponseEntity<byte[]> atom(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
        return answer(snapshots.get().atom(), MediaType.parseMediaType("application/atom+xml;charset=UTF-8"), etag);
    }

    @GetMapping("/status/feed.rss")
    ResponseEntity<byte[]> rss(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
        return answer(snapshots.get().rss(), MediaType.parseMediaType("application/rss+xml;charset=UTF-8"), etag);
    }

    @PostMapping("/status/subscribe")
    String subscribe(@RequestParam(required = false) String email, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("view", snapshots.get().view());
        try {
            StatusSubscriptions.SignUp outcome = subscriptions.subscribe(email);
            model.addAttribute("outcome", outcome == StatusSubscriptions.SignUp.ASKED ? "asked" : "busy");
            if (outcome == StatusSubscriptions.SignUp.BUSY) {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            }
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("outcome", "invalid");
            model.addAttribute("email", email);
        }
        return "statuspage/message";
    }

    /** Opening the link asks; only the button confirms, so a mail scanner following links confirms nobody. */
    @GetMapping("/status/confirm/{token}")
    String askToConfirm(@PathVariable String token, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("view", snapshots.get().view());
        model.addAttribute("outcome", "confirm-ask");
        model.addAttribute("token", token);
        return "statuspage/message";
    }

    @org.springframework.web.bind.annotation.PostMapping("/status/confirm/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("view", snapshots.get().view());
        Optional<String> unsubscribe = subscriptions.confirm(token);
        model.addAttribute("outcome", unsubscribe.isPresent() ? "confirmed" : "bad-confirm");
        unsubscribe.ifPresent(link -> model.addAttribute("unsubscribe", link));
        if (unsubscribe.isEmpty()) {
            response.setStatus(404);
        }
        return "statuspage/message";
    }

    @GetMapping("/status/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("view", snapshots.get().view());
        model.addAttribute("outcome", subscriptions.unsubscribe(token) ? "unsubscribed" : "not-subscribed");
        return "statuspage/message";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static ResponseEntity<byte[]> answer(Snapshot.Body body, MediaType type, String ifNoneMatch) {
        if (body.status() == 200 && ifNoneMatch != null && ifNoneMatch.contains(body.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(body.etag())
                    .header(HttpHeaders.CACHE_CONTROL, CACHE)
                    .build();
        }
        return ResponseEntity.status(body.status())
                .contentType(type)
                .eTag(body.etag())
                .header(HttpHeaders.CACHE_CONTROL, CACHE)
                .body(body.bytes());
    }

    @Configuration(proxyBeanMethods = false)
    static class StatusPageSecurity {
        @Bean
        @Order(0)
        SecurityFilterChain statusPagePublicChain(HttpSecurity http) throws Exception {
            return SecretUrlSecurity.pages(http, "/status", "/status/**");
        }
    }
}
