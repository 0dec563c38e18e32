package dev.cairn.notification.web;

import dev.cairn.identity.Actor;
import dev.cairn.notification.Channel;
import dev.cairn.notification.ContactMethodView;
import dev.cairn.notification.ContactMethods;
import dev.cairn.notification.DeliveryView;
import dev.cairn.notification.NotificationRuleView;
import dev.cairn.notification.NotificationRules;
import dev.cairn.notification.Notifications;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A person's contact methods, notification rules and the deliveries to them; {userId} may be "me". */
@RestController
@RequestMapping("/api/v1/users/{userId}")
@Tag(name = "Notifications", description = "How Cairn reaches a person: contact methods, rules, deliveries")
class ContactMethodsApi {

    private final ContactMethods methods;
    private final NotificationRules rules;
    private final Notifications notifications;

    ContactMethodsApi(ContactMethods methods, NotificationRules rules, Notifications notifications) {
        this.methods = methods;
        this.rules = rules;
        this.notifications = notifications;
    }

    record MethodCreate(String name, Channel channel, String address) {}

    record MethodPatch(String name, String address, Boolean enabled) {}

    record RuleCreate(Long contactMethodId, Integer delayMinutes) {}

    /** A method as created or rotated: with a webhook's signing secret, which is not shown again. */
    record MethodWithSecret(
            long id,
            long userId,
            String name,
            Channel channel,
            String address,
            boolean enabled,
            Instant createdAt,
            String secret) {

        static MethodWithSecret of(ContactMethods.Created created) {
            ContactMethodView m = created.method();
            return new MethodWithSecret(
                    m.id(),
                    m.userId(),
                    m.name(),
                    m.channel(),
                    m.address(),
                    m.enabled(),
                    m.createdAt(),
                    created.secret());
        }
    }

    @GetMapping("/contact-methods")
    @Operation(summary = "A person's contact methods (never a webhook's secret)")
    List<ContactMethodView> list(@PathVariable String userId, @AuthenticationPrincipal Actor actor) {
        return methods.of(UserRef.resolve(userId, actor), actor);
    }

    @PostMapping("/contact-methods")
    @Operation(summary = "Add an e-mail address or a webhook URL; a webhook's answer holds its signing secret once")
    ResponseEntity<MethodWithSecret> create(
            @PathVariable String userId, @RequestBody MethodCreate body, @AuthenticationPrincipal Actor actor) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        long user = UserRef.resolve(userId, actor);
        ContactMethods.Created created = methods.create(user, body.name(), body.channel(), body.address(), actor);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user + "/contact-methods/"
                        + created.method().id()))
                .body(MethodWithSecret.of(created));
    }

    @GetMapping("/contact-methods/{id}")
    ContactMethodView get(@PathVariable String userId, @PathVariable long id, @AuthenticationPrincipal Actor actor) {
        return methods.get(UserRef.resolve(userId, actor), id, actor);
    }

    @PatchMapping("/contact-methods/{id}")
    @Operation(summary = "Rename, change the address, or enable/disable (disabling cancels what it has not sent)")
    ContactMethodView update(
            @PathVariable String userId,
            @PathVariable long id,
            @RequestBody MethodPatch body,
            @AuthenticationPrincipal Actor actor) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        return methods.update(UserRef.resolve(userId, actor), id, body.name(), body.address(), body.enabled(), actor);
    }

    @DeleteMapping("/contact-methods/{id}")
    @Operation(summary = "Delete a contact method and its rules")
    ResponseEntity<Void> delete(
            @PathVariable String userId, @PathVariable long id, @AuthenticationPrincipal Actor actor) {
        methods.delete(UserRef.resolve(userId, actor), id, actor);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/contact-methods/{id}/test")
    @Operation(summary = "Send a test notification through the outbox (topic test:<id>); poll its delivery")
    ResponseEntity<DeliveryView> test(
            @PathVariable String userId, @PathVariable long id, @AuthenticationPrincipal Actor actor) {
        DeliveryView delivery = notifications.test(UserRef.resolve(userId, actor), id, actor);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/notifications?topic=" + delivery.topic()))
                .body(delivery);
    }

    @PostMapping("/contact-methods/{id}/rotate-secret")
    @Operation(summary = "A new signing secret for a webhook, returned once; the old one stops at once")
    MethodWithSecret rotate(@PathVariable String userId, @PathVariable long id, @AuthenticationPrincipal Actor actor) {
        return MethodWithSecret.of(methods.rotateSecret(UserRef.resolve(userId, actor), id, actor));
    }

    @GetMapping("/notification-rules")
    @Operation(summary = "When each contact method is used after a notice; none means every enabled method at once")
    List<NotificationRuleView> rules(@PathVariable String userId, @AuthenticationPrincipal Actor actor) {
        return rules.of(UserRef.resolve(userId, actor), actor);
    }

    @PostMapping("/notification-rules")
    @Operation(summary = "Notify a contact method delayMinutes after a notice (0 = at once)")
    ResponseEntity<NotificationRuleView> addRule(
            @PathVariable String userId, @RequestBody RuleCreate body, @AuthenticationPrincipal Actor actor) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        long user = UserRef.resolve(userId, actor);
        NotificationRuleView rule = rules.add(user, body.contactMethodId(), body.delayMinutes(), actor);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user + "/notification-rules/" + rule.id()))
                .body(rule);
    }

    @DeleteMapping("/notification-rules/{id}")
    ResponseEntity<Void> deleteRule(
            @PathVariable String userId, @PathVariable long id, @AuthenticationPrincipal Actor actor) {
        rules.delete(UserRef.resolve(userId, actor), id, actor);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/notifications")
    @Operation(summary = "Deliveries to a person with every attempt, newest first")
    CursorPage<DeliveryView> deliveries(
            @PathVariable String userId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal Actor actor) {
        return notifications.recent(UserRef.resolve(userId, actor), actor, cursor, CursorPage.limit(limit));
    }
}
