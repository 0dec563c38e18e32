package dev.cairn.slack.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.notification.Notifications;
import dev.cairn.slack.SlackSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin's view of the Slack app: configured or not, and the request URLs to give Slack. */
@Controller
class SlackAdminPage {

    private final SlackSettings settings;
    private final Notifications notifications;

    SlackAdminPage(SlackSettings settings, Notifications notifications) {
        this.settings = settings;
        this.notifications = notifications;
    }

    @GetMapping("/admin/slack")
    String page(@AuthenticationPrincipal Actor me, Model model) {
        Actors.requireAdmin(me);
        model.addAttribute("configured", settings.configured());
        model.addAttribute("apiUrl", settings.apiUrl());
        model.addAttribute("starReaction", settings.starReaction());
        model.addAttribute("channelPerIncident", settings.channelPerIncident());
        model.addAttribute("eventsUrl", notifications.absolute("/slack/events"));
        model.addAttribute("commandsUrl", notifications.absolute("/slack/commands"));
        model.addAttribute("interactionsUrl", notifications.absolute("/slack/interactions"));
        return "slack/admin";
    }
}
