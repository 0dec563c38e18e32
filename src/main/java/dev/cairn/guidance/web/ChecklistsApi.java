package dev.cairn.guidance.web;

import dev.cairn.guidance.ChecklistItem;
import dev.cairn.guidance.ChecklistItemInput;
import dev.cairn.guidance.Checklists;
import dev.cairn.guidance.IncidentChecklist;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.incident.IncidentRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Guidance", description = "Checklists per severity and role, ticked in each incident; nudges")
class ChecklistsApi {

    private final Checklists checklists;

    ChecklistsApi(Checklists checklists) {
        this.checklists = checklists;
    }

    /**
     * The default checklists are short configuration lists (at most 30 items each), so the answer
     * is one list rather than cursor pages.
     */
    @GetMapping("/checklists")
    @Operation(summary = "Default checklist items, by list and position; filter by severity or role")
    List<ChecklistItem> list(
            @RequestParam(required = false) String severity, @RequestParam(required = false) String role) {
        IncidentRole wanted = role == null || role.isBlank() ? null : IncidentRole.parse(role);
        return checklists.defaults().stream()
                .filter(i -> severity == null || severity.isBlank() || severity.equals(i.severity()))
                .filter(i -> wanted == null || wanted == i.role())
                .toList();
    }

    @GetMapping("/checklists/{id}")
    ChecklistItem get(@PathVariable long id) {
        return checklists.get(id);
    }

    @PostMapping("/checklists")
    @Operation(summary = "Add an item to a severity's or a role's checklist (admins); new incidents get it")
    ResponseEntity<ChecklistItem> create(@RequestBody ChecklistItemInput input) {
        ChecklistItem item = checklists.create(input, actor());
        return ResponseEntity.created(URI.create("/api/v1/checklists/" + item.id()))
                .body(item);
    }

    @PatchMapping("/checklists/{id}")
    @Operation(summary = "Change an item's text or position (admins); running incidents keep their copy")
    ChecklistItem update(@PathVariable long id, @RequestBody ChecklistItemInput input) {
        return checklists.update(id, input, actor());
    }

    @DeleteMapping("/checklists/{id}")
    @Operation(summary = "Remove an item from its checklist (admins)")
    ResponseEntity<Void> delete(@PathVariable long id) {
        checklists.delete(id, actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/incidents/{id}/checklist")
    @Operation(summary = "An incident's checklist items (who ticked what, when) and its open nudges")
    IncidentChecklist incident(@PathVariable long id) {
        return checklists.of(id, actor());
    }

    @PostMapping("/incidents/{id}/checklist/{itemId}/tick")
    @Operation(summary = "Tick an item; recorded on the timeline with who ticked it")
    IncidentChecklist tick(@PathVariable long id, @PathVariable long itemId) {
        return checklists.tick(id, itemId, true, actor());
    }

    @PostMapping("/incidents/{id}/checklist/{itemId}/untick")
    @Operation(summary = "Untick an item; recorded on the timeline")
    IncidentChecklist untick(@PathVariable long id, @PathVariable long itemId) {
        return checklists.tick(id, itemId, false, actor());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
