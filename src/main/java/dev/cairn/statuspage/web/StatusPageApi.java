package dev.cairn.statuspage.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.shared.CursorPage;
import dev.cairn.statuspage.Component;
import dev.cairn.statuspage.Maintenance;
import dev.cairn.statuspage.StatusIncident;
import dev.cairn.statuspage.StatusPage;
import dev.cairn.statuspage.StatusPublishing;
import dev.cairn.statuspage.StatusSubscriptions;
import dev.cairn.statuspage.Uptime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Configuring the status page (admins) and publishing incidents to it (writers). */
@RestController
@RequestMapping("/api/v1/status-page")
@Tag(name = "Status page", description = "Components, maintenance windows and public incidents of the status page")
class StatusPageApi {

    private final StatusPage page;
    private final StatusPublishing publishing;
    private final StatusSubscriptions subscriptions;
    private final Clock clock;

    StatusPageApi(StatusPage page, StatusPublishing publishing, StatusSubscriptions subscriptions, Clock clock) {
        this.page = page;
        this.publishing = publishing;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }

    @GetMapping("/settings")
    StatusPage.Settings settings() {
        return page.settings();
    }

    @PutMapping("/settings")
    @Operation(summary = "Set the page's name and description (admins)")
    StatusPage.Settings saveSettings(@RequestBody StatusPage.Settings input) {
        return page.saveSettings(input, actor());
    }

    @GetMapping("/components")
    @Operation(summary = "Components in display order, with the services each stands for")
    List<Component> components() {
        return page.components();
    }

    @PostMapping("/components")
    @Operation(summary = "Add a component (admins)", description = "name, description, group, displayOrder, serviceIds")
    ResponseEntity<Component> createComponent(@RequestBody Component.Input input) {
        Component created = page.createComponent(input, actor());
        return ResponseEntity.created(URI.create("/api/v1/status-page/components/" + created.id()))
                .body(created);
    }

    @GetMapping("/components/{id}")
    Component component(@PathVariable long id) {
        return page.component(id);
    }

    @PutMapping("/components/{id}")
    @Operation(summary = "Replace a component (admins)")
    Component updateComponent(@PathVariable long id, @RequestBody Component.Input input) {
        return page.updateComponent(id, input, actor());
    }

    @DeleteMapping("/components/{id}")
    ResponseEntity<Void> deleteComponent(@PathVariable long id) {
        page.deleteComponent(id, actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/maintenances")
    @Operation(summary = "Maintenance windows not yet over, soonest first")
    List<Maintenance> maintenances() {
        return page.maintenances();
    }

    @PostMapping("/maintenances")
    @Operation(
            summary = "Schedule a maintenance window (admins)",
            description = "title, description, startsAt, endsAt (ISO-8601 instants), componentIds")
    ResponseEntity<Maintenance> createMaintenance(@RequestBody Maintenance.Input input) {
        Maintenance created = page.createMaintenance(input, actor());
        return ResponseEntity.created(URI.create("/api/v1/status-page/maintenances/" + created.id()))
                .body(created);
    }

    @GetMapping("/maintenances/{id}")
    Maintenance maintenance(@PathVariable long id) {
        return page.maintenance(id);
    }

    @PutMapping("/maintenances/{id}")
    Maintenance updateMaintenance(@PathVariable long id, @RequestBody Maintenance.Input input) {
        return page.updateMaintenance(id, input, actor());
    }

    @DeleteMapping("/maintenances/{id}")
    ResponseEntity<Void> deleteMaintenance(@PathVariable long id) {
        page.deleteMaintenance(id, actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/subscribers")
    @Operation(
            summary = "E-mail subscribers, newest sign-up first, paged (admins)",
            description = "state (pending, confirmed; both when absent), q (part of the address), cursor, limit."
                    + " total counts every subscriber that matches. Addresses are personal data.")
    StatusSubscriptions.Page subscribers(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return subscriptions.list(StatusSubscriptions.State.parse(state).orElse(null), q, cursor, limit, actor());
    }

    @DeleteMapping("/subscribers/{id}")
    @Operation(summary = "Remove a subscriber: no more e-mail, their links stop working (admins)")
    ResponseEntity<Void> removeSubscriber(@PathVariable long id) {
        subscriptions.remove(id, actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/incidents")
    @Operation(summary = "Status page incidents open or resolved in the last 90 days, newest first, paged")
    CursorPage<StatusIncident> incidents(
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = CursorPage.limit(limit);
        long below = CursorPage.decode(cursor);
        // Published incidents are never private (one that becomes private is withdrawn), so any reader may list them.
        List<StatusIncident> rows = publishing.recent(clock.instant().minus(Duration.ofDays(Uptime.DAYS))).stream()
                .filter(i -> i.id() < below)
                .limit(size + 1L)
                .toList();
        return CursorPage.of(rows, size, StatusIncident::id);
    }

    @PostMapping("/incidents")
    @Operation(
            summary = "Publish an internal incident to the status page (writers)",
            description = "incidentId, title and message (public wording), status (investigating, identified,"
                    + " monitoring, resolved), impacts {componentId: operational|degraded|partial_outage|"
                    + "major_outage}. Private incidents and drills are refused with 409.")
    ResponseEntity<StatusIncident> publish(@RequestBody StatusIncident.Publish input) {
        StatusIncident created = publishing.publish(input, actor());
        return ResponseEntity.created(URI.create("/api/v1/status-page/incidents/" + created.id()))
                .body(created);
    }

    @GetMapping("/incidents/{id}")
    StatusIncident incident(@PathVariable long id) {
        return publishing.get(id, actor());
    }

    @PostMapping("/incidents/{id}/updates")
    @Operation(
            summary = "Post a public update (writers)",
            description = "message, status; title and impacts are optional and keep the current ones when absent")
    ResponseEntity<StatusIncident> post(@PathVariable long id, @RequestBody StatusIncident.Post input) {
        return ResponseEntity.status(201).body(publishing.post(id, input, actor()));
    }
}
