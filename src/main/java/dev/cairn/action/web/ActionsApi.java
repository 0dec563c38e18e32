package dev.cairn.action.web;

import dev.cairn.action.ActionFilter;
import dev.cairn.action.ActionItem;
import dev.cairn.action.ActionItems;
import dev.cairn.action.ChangeAction;
import dev.cairn.action.ProposeAction;
import dev.cairn.action.TeamCounts;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
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
@Tag(
        name = "Action items",
        description = "Actions proposed in an incident, decided explicitly (do, wont_do, later), owned, due, done,"
                + " and synced to GitHub Issues, Jira or Linear")
class ActionsApi {

    private final ActionItems actions;

    ActionsApi(ActionItems actions) {
        this.actions = actions;
    }

    /** An incident has a handful of action items, so the answer is one list rather than cursor pages. */
    @GetMapping("/incidents/{id}/actions")
    @Operation(summary = "An incident's action items, in the order they were proposed")
    List<ActionItem> list(@PathVariable long id) {
        return actions.ofIncident(id, actor());
    }

    @PostMapping("/incidents/{id}/actions")
    @Operation(
            summary = "Propose an action (responders, admins): {\"title\", \"description\" (Markdown)}; it starts"
                    + " undecided ('proposed') and is recorded on the timeline")
    ResponseEntity<ActionItem> propose(@PathVariable long id, @RequestBody ProposeAction proposal) {
        ActionItem item = actions.propose(id, proposal, actor());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + id + "/actions/" + item.id()))
                .body(item);
    }

    @GetMapping("/incidents/{id}/actions/{actionId}")
    @Operation(summary = "One action item with every decision taken on it (who, when, why)")
    ActionItem get(@PathVariable long id, @PathVariable long actionId) {
        return actions.get(id, actionId, actor());
    }

    @PatchMapping("/incidents/{id}/actions/{actionId}")
    @Operation(
            summary = "Change an action item: title, description, ownerId, teamId, dueOn, revisitOn (ISO dates),"
                    + " decision (do needs an owner and a due date; wont_do needs a reason; later may have a"
                    + " revisitOn), done (items decided do). A decision 'do' creates the item in the team's tracker.")
    ActionItem change(@PathVariable long id, @PathVariable long actionId, @RequestBody ChangeAction change) {
        return actions.change(id, actionId, change, actor());
    }

    @GetMapping("/actions")
    @Operation(summary = "Action items across incidents you may see, newest first, by cursor")
    CursorPage<ActionItem> all(
            @Parameter(description = "the owner's team id") @RequestParam(required = false) Long team,
            @Parameter(description = "proposed, do, wont_do, later, open (do and not done) or done")
                    @RequestParam(required = false)
                    String state,
            @Parameter(description = "only items decided do, not done, past their due date")
                    @RequestParam(defaultValue = "false")
                    boolean overdue,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return actions.page(new ActionFilter(team, state, overdue), cursor, CursorPage.limit(limit), actor());
    }

    @GetMapping("/actions/counts")
    @Operation(summary = "Per team (the owner's team): items proposed, decided do / won't do / later, done, overdue")
    List<TeamCounts> counts(@RequestParam(required = false) Long team) {
        return actions.counts(team, actor());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
