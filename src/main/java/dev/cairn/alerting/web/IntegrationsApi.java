package dev.cairn.alerting.web;

import dev.cairn.alerting.AlertEvent;
import dev.cairn.alerting.AlertGroupView;
import dev.cairn.alerting.AlertGroups;
import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.IntegrationKind;
import dev.cairn.alerting.IntegrationView;
import dev.cairn.alerting.Integrations;
import dev.cairn.alerting.internal.AlertStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
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
@Tag(name = "Alerts", description = "Integrations that receive alerts, and the deduplicated alert groups")
class IntegrationsApi {

    private final Integrations integrations;
    private final AlertGroups groups;

    IntegrationsApi(Integrations integrations, AlertGroups groups) {
        this.integrations = integrations;
        this.groups = groups;
    }

    record CreateRequest(String name, IntegrationKind kind, Long serviceId, GenericMapping mapping) {}

    record PatchRequest(Boolean active) {}

    record PreviewRequest(GenericMapping mapping, String sample) {}

    /** An integration with the secret hook URL, answered once when created or rotated. */
    record WithUrl(long id, String name, IntegrationKind kind, Long serviceId, String url, String routingKey) {}

    @PostMapping("/integrations")
    @Operation(summary = "Create an integration; its hook URL (with the secret token) is shown only in this answer")
    ResponseEntity<WithUrl> create(@RequestBody CreateRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        Integrations.Created created =
                integrations.create(request.name(), request.kind(), request.serviceId(), request.mapping(), actor());
        return ResponseEntity.created(URI.create(
                        "/api/v1/integrations/" + created.integration().id()))
                .body(withUrl(created));
    }

    @PostMapping("/integrations/{id}/rotate")
    @Operation(summary = "Replace the token; the old hook URL stops working at once")
    WithUrl rotate(@PathVariable long id) {
        return withUrl(integrations.rotate(id, actor()));
    }

    @GetMapping("/integrations")
    @Operation(summary = "Integrations, newest first (tokens are never shown again)")
    CursorPage<IntegrationView> list(
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return integrations.page(cursor, CursorPage.limit(limit));
    }

    @GetMapping("/integrations/{id}")
    IntegrationView get(@PathVariable long id) {
        return integrations.get(id);
    }

    @PatchMapping("/integrations/{id}")
    @Operation(summary = "Disable or enable an integration")
    IntegrationView patch(@PathVariable long id, @RequestBody PatchRequest request) {
        if (request == null || request.active() == null) {
            throw new InvalidInputException("active", "is required");
        }
        return integrations.setActive(id, request.active(), actor());
    }

    @GetMapping("/integrations/{id}/rejected")
    @Operation(summary = "Payloads this integration refused, newest first (the last 100 are kept)")
    List<AlertStore.Rejected> rejected(@PathVariable long id) {
        return integrations.rejected(id, actor());
    }

    @PostMapping("/integrations/preview")
    @Operation(summary = "What a generic mapping reads from a sample payload")
    List<AlertEvent> preview(@RequestBody PreviewRequest request) {
        if (request == null || request.mapping() == null) {
            throw new InvalidInputException("mapping", "is required");
        }
        if (request.sample() == null) {
            throw new InvalidInputException("sample", "is required");
        }
        return integrations.preview(request.mapping(), request.sample());
    }

    @GetMapping("/alert-groups")
    @Operation(
            summary =
                    "Alert groups, newest first; filter by status (firing, resolved), integrationId, serviceId, incidentId"
                            + " (404 for an incident you may not see)")
    CursorPage<AlertGroupView> groups(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long integrationId,
            @RequestParam(required = false) Long serviceId,
            @RequestParam(required = false) Long incidentId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return groups.page(status, integrationId, serviceId, incidentId, cursor, CursorPage.limit(limit), actor());
    }

    @GetMapping("/alert-groups/{id}")
    AlertGroupView group(@PathVariable long id) {
        return groups.get(id);
    }

    private static WithUrl withUrl(Integrations.Created created) {
        IntegrationView integration = created.integration();
        HookUrls.HookUrl hook = HookUrls.of(created);
        return new WithUrl(
                integration.id(),
                integration.name(),
                integration.kind(),
                integration.serviceId(),
                hook.url(),
                hook.routingKey());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
