package dev.cairn.guidance.web;

import dev.cairn.guidance.ChecklistItem;
import dev.cairn.guidance.ChecklistItemInput;
import dev.cairn.guidance.Checklists;
import dev.cairn.identity.Actor;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.Severities;
import dev.cairn.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /admin/checklists}: the default checklists per severity and per role (admins only). */
@Controller
class ChecklistAdminPages {

    private final Checklists checklists;
    private final Severities severities;

    ChecklistAdminPages(Checklists checklists, Severities severities) {
        this.checklists = checklists;
        this.severities = severities;
    }

    /** One list on the page: {@code key} is a severity code or {@code role:<role>}. */
    record ListView(String key, String anchor, String title, String hint, List<ChecklistItem> items) {}

    @GetMapping("/admin/checklists")
    String page(Model model) {
        List<ChecklistItem> all = checklists.defaults();
        List<ListView> lists = new ArrayList<>();
        severities
                .all()
                .forEach(s -> lists.add(new ListView(
                        s.code(),
                        "list-" + s.code(),
                        s.code() + " · " + s.name(),
                        "Everyone in a " + s.code() + " incident sees these.",
                        all.stream().filter(i -> s.code().equals(i.severity())).toList())));
        for (IncidentRole role : IncidentRole.values()) {
            lists.add(new ListView(
                    "role:" + role.json(),
                    "list-" + role.json(),
                    role.label(),
                    "Added when someone is given this role.",
                    all.stream().filter(i -> i.role() == role).toList()));
        }
        model.addAttribute("lists", lists);
        return "guidance/admin";
    }

    @PostMapping("/admin/checklists")
    String add(
            @RequestParam String list,
            @RequestParam(required = false) String text,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        boolean role = list.startsWith("role:");
        ChecklistItemInput input =
                new ChecklistItemInput(role ? null : list, role ? list.substring("role:".length()) : null, text, null);
        return act(() -> checklists.create(input, me), "Item added.", list, flash);
    }

    @PostMapping("/admin/checklists/{id}")
    String edit(
            @PathVariable long id,
            @RequestParam(required = false) String text,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        ChecklistItem item = checklists.get(id);
        return act(
                () -> checklists.update(id, new ChecklistItemInput(null, null, text, null), me),
                "Item saved.",
                item.list(),
                flash);
    }

    @PostMapping("/admin/checklists/{id}/move")
    String move(
            @PathVariable long id,
            @RequestParam String direction,
            @AuthenticationPrincipal Actor me,
            RedirectAttributes flash) {
        ChecklistItem item = checklists.get(id);
        return act(() -> checklists.move(id, "up".equals(direction) ? -1 : 1, me), "Item moved.", item.list(), flash);
    }

    @PostMapping("/admin/checklists/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal Actor me, RedirectAttributes flash) {
        ChecklistItem item = checklists.get(id);
        return act(
                () -> {
                    checklists.delete(id, me);
                    return item;
                },
                "Item removed.",
                item.list(),
                flash);
    }

    private String act(
            java.util.function.Supplier<ChecklistItem> work, String notice, String list, RedirectAttributes flash) {
        try {
            work.get();
            flash.addFlashAttribute("notice", notice);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", "The item " + e.field() + " " + e.getMessage() + ".");
        }
        return "redirect:/admin/checklists#list-" + (list.startsWith("role:") ? list.substring(5) : list);
    }
}
