package dev.cairn.notification.web;

import dev.cairn.identity.Actor;
import dev.cairn.notification.DeliveryView;
import dev.cairn.notification.Notifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "How Cairn reaches a person: contact methods, rules, deliveries")
class NotificationsApi {

    private final Notifications notifications;

    NotificationsApi(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Operation(
            summary = "The deliveries of a topic (e.g. page:42, test:7) with every attempt, oldest first;"
                    + " viewers see only their own")
    List<DeliveryView> byTopic(@RequestParam String topic, @AuthenticationPrincipal Actor actor) {
        return notifications.deliveries(topic, actor);
    }
}
