package dev.cairn.catalog.web;

import dev.cairn.catalog.NewService;
import dev.cairn.catalog.ServiceLink;
import dev.cairn.catalog.ServiceUpdate;
import dev.cairn.catalog.ServiceView;
import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/services")
@Tag(name = "Services", description = "The service catalog: owners, tiers and runbook links")
class ServicesApi {

    private final Services services;

    ServicesApi(Services services) {
        this.services = services;
    }

    @GetMapping
    @Operation(summary = "List services, newest first; filter by text (q) and owner team (team)")
    CursorPage<ServiceView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long team,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return services.page(cursor, CursorPage.limit(limit), q, team);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One service")
    ServiceView get(@PathVariable long id) {
        return services.get(id);
    }

    @PostMapping
    @Operation(summary = "Create a service (admins and responders)")
    ResponseEntity<ServiceView> create(@RequestBody CreateService body, @AuthenticationPrincipal Actor actor) {
        ServiceView created = services.create(
                new NewService(
                        body.name(),
                        body.description(),
                        body.ownerTeamId(),
                        body.tier() == null ? 3 : body.tier(),
                        body.links()),
                actor);
        return ResponseEntity.created(URI.create("/api/v1/services/" + created.id()))
                .body(created);
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Change a service (admins and responders)",
            description = "Absent fields stay as they are; links, when given, replace all links;"
                    + " removeOwner=true leaves the service without an owner team.")
    ServiceView update(@PathVariable long id, @RequestBody PatchService body, @AuthenticationPrincipal Actor actor) {
        return services.update(
                id,
                new ServiceUpdate(
                        body.name(),
                        body.description(),
                        body.ownerTeamId(),
                        Boolean.TRUE.equals(body.removeOwner()),
                        body.tier(),
                        body.links()),
                actor);
    }

    /** A new service; tier defaults to 3. */
    record CreateService(String name, String description, Long ownerTeamId, Integer tier, List<ServiceLink> links) {}

    record PatchService(
            String name,
            String description,
            Long ownerTeamId,
            Boolean removeOwner,
            Integer tier,
            List<ServiceLink> links) {}
}
