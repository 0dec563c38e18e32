package dev.cairn.statuspage.web;

import dev.cairn.identity.Actor;
import dev.cairn.statuspage.StatusSubscriptions;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /admin/status-page/subscribers}: who signed up for status page e-mail, pending or
 * confirmed, searchable and paged by 50; admins remove one after a confirmation. Admins only: the
 * addresses are personal data.
 */
@Controller
class StatusSubscriberPages {

    private static final String PATH = "/admin/status-page/subscribers";

    private final StatusSubscriptions subscriptions;

    StatusSubscriberPages(StatusSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping(PATH)
    String list(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            Model model) {
        Optional<StatusSubscriptions.State> wanted = StatusSubscriptions.State.parse(state);
        StatusSubscriptions.Page page = subscriptions.list(wanted.orElse(null), q, cursor, null, me);
        String search = q == null ? "" : q.strip();
        model.addAttribute("page", page);
        model.addAttribute("counts", subscriptions.counts());
        model.addAttribute("state", wanted.map(StatusSubscriptions.State::json).orElse(""));
        model.addAttribute("q", search);
        model.addAttribute("filtered", wanted.isPresent() || !search.isEmpty());
        model.addAttribute("states", StatusSubscriptions.State.values());
        return "statuspage/subscribers";
    }

    @PostMapping(PATH + "/{id}/delete")
    String remove(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String q,
            RedirectAttributes flash) {
        subscriptions.remove(id, me);
        flash.addFlashAttribute("notice", "Subscriber removed: they get no more e-mail from the status page.");
        return "redirect:"
                + UriComponentsBuilder.fromPath(PATH)
                        .queryParamIfPresent("state", Optional.ofNullable(blank(state)))
                        .queryParamIfPresent("q", Optional.ofNullable(blank(q)))
                        .encode()
                        .build()
                        .toUriString();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
