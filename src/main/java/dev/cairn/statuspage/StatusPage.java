package dev.cairn.statuspage;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import dev.cairn.statuspage.internal.StatusStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configuring the status page (admins): its name and description, components, maintenance
 * windows; and reading what the public page shows ({@link #publicView()}). Every change bumps the
 * page's version so each node rebuilds its snapshot.
 */
@Service
public class StatusPage {

    static final int MAX_COMPONENTS = 100;

    private final StatusStore store;
    private final Services services;
    private final Audit audit;
    private final Clock clock;
    private final Changes changes;

    StatusPage(StatusStore store, Services services, Audit audit, Clock clock, Changes changes) {
        this.store = store;
        this.services = services;
        this.audit = audit;
        this.clock = clock;
        this.changes = changes;
    }

    public record Settings(String name, String description) {}

    // ---- reading --------------------------------------------------------------------------------

    public Settings settings() {
        StatusStore.Settings s = store.settings();
        return new Settings(s.name(), s.description());
    }

    /** The version every change bumps: a node whose snapshot is older rebuilds it. */
    public long version() {
        return store.version();
    }

    public List<Component> components() {
        return store.components();
    }

    public Component component(long id) {
        return components().stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Status page component " + id));
    }

    /** Windows not yet over, soonest first. */
    public List<Maintenance> maintenances() {
        return store.maintenances(clock.instant());
    }

    public Maintenance maintenance(long id) {
        return store.maintenance(id).orElseThrow(() -> new NotFoundException("Maintenance " + id));
    }

    /** Everything the public page shows, read in one go (the snapshot is built from it). */
    @Transactional(readOnly = true)
    public PublicView publicView() {
        Instant now = clock.instant();
        StatusStore.Settings settings = store.settings();
        List<StatusIncident> incidents = store.since(now.minus(Duration.ofDays(Uptime.DAYS)));
        return PublicView.of(
                settings.name(),
                settings.description(),
                settings.version(),
                store.components(),
                incidents,
                store.maintenances(now),
                now);
    }

    // ---- changing -------------------------------------------------------------------------------

    @Transactional
    public Settings saveSettings(Settings input, Actor actor) {
        Actors.requireAdmin(actor);
        String name = text(input == null ? null : input.name(), "name", 200, true);
        String description = text(input.description(), "description", 2000, false);
        store.saveSettings(name, description);
        changes.changed();
        audit.record(actor, "status_page.settings_saved", "status_page", 1, "name=" + name);
        return settings();
    }

    @Transactional
    public Component createComponent(Component.Input input, Actor actor) {
        Actors.requireAdmin(actor);
        if (store.components().size() >= MAX_COMPONENTS) {
            throw new InvalidInputException("name", "the page has " + MAX_COMPONENTS + " components already");
        }
        ValidComponent v = validate(input, null);
        long id = store.insertComponent(v.name, v.description, v.group, v.order, clock.instant());
        store.replaceComponentServices(id, v.serviceIds);
        changes.changed();
        audit.record(actor, "status_page.component_created", "status_component", id, "name=" + v.name);
        return component(id);
    }

    @Transactional
    public Component updateComponent(long id, Component.Input input, Actor actor) {
        Actors.requireAdmin(actor);
        component(id);
        ValidComponent v = validate(input, id);
        store.updateComponent(id, v.name, v.description, v.group, v.order, clock.instant());
        store.replaceComponentServices(id, v.serviceIds);
        changes.changed();
        audit.record(actor, "status_page.component_updated", "status_component", id, "name=" + v.name);
        return component(id);
    }

    @Transactional
    public void deleteComponent(long id, Actor actor) {
        Actors.requireAdmin(actor);
        Component c = component(id);
        store.deleteComponent(id);
        changes.changed();
        audit.record(actor, "status_page.component_deleted", "status_component", id, "name=" + c.name());
    }

    @Transactional
    public Maintenance createMaintenance(Maintenance.Input input, Actor actor) {
        Actors.requireAdmin(actor);
        ValidMaintenance v = validate(input);
        long id = store.insertMaintenance(v.title, v.description, v.start, v.end, clock.instant());
        store.replaceMaintenanceComponents(id, v.componentIds);
        changes.changed();
        audit.record(
                actor,
                "status_page.maintenance_created",
                "status_maintenance",
                id,
                "title=" + v.title + " from=" + v.start + " to=" + v.end);
        return maintenance(id);
    }

    @Transactional
    public Maintenance updateMaintenance(long id, Maintenance.Input input, Actor actor) {
        Actors.requireAdmin(actor);
        maintenance(id);
        ValidMaintenance v = validate(input);
        store.updateMaintenance(id, v.title, v.description, v.start, v.end, clock.instant());
        store.replaceMaintenanceComponents(id, v.componentIds);
        changes.changed();
        audit.record(actor, "status_page.maintenance_updated", "status_maintenance", id, "title=" + v.title);
        return maintenance(id);
    }

    @Transactional
    public void deleteMaintenance(long id, Actor actor) {
        Actors.requireAdmin(actor);
        Maintenance m = maintenance(id);
        store.deleteMaintenance(id);
        changes.changed();
        audit.record(actor, "status_page.maintenance_deleted", "status_maintenance", id, "title=" + m.title());
    }

    // ---- rules ----------------------------------------------------------------------------------

    private record ValidComponent(String name, String description, String group, int order, List<Long> serviceIds) {}

    private record ValidMaintenance(
            String title, String description, Instant start, Instant end, List<Long> componentIds) {}

    private ValidComponent validate(Component.Input input, Long id) {
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        String name = text(input.name(), "name", 200, true);
        if (store.componentNameTaken(name, id)) {
            throw new InvalidInputException("name", "is already the name of another component");
        }
        String description = text(input.description(), "description", 2000, false);
        String group = text(input.group(), "group", 200, false);
        int order = input.displayOrder() == null ? 0 : input.displayOrder();
        if (order < -10000 || order > 10000) {
            throw new InvalidInputException("displayOrder", "must be between -10000 and 10000");
        }
        List<Long> serviceIds =
                input.serviceIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(input.serviceIds()));
        for (Long serviceId : serviceIds) {
            if (serviceId == null || services.find(serviceId).isEmpty()) {
                throw new InvalidInputException("serviceIds", "names a service that does not exist: " + serviceId);
            }
        }
        return new ValidComponent(name, description, group, order, serviceIds);
    }

    private ValidMaintenance validate(Maintenance.Input input) {
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        String title = text(input.title(), "title", 200, true);
        String description = text(input.description(), "description", 4000, false);
        if (input.startsAt() == null) {
            throw new InvalidInputException("startsAt", "is required");
        }
        if (input.endsAt() == null || !input.endsAt().isAfter(input.startsAt())) {
            throw new InvalidInputException("endsAt", "must be after the start");
        }
        if (Duration.between(input.startsAt(), input.endsAt()).toDays() > 31) {
            throw new InvalidInputException("endsAt", "a window lasts at most 31 days");
        }
        if (!input.endsAt().isAfter(clock.instant())) {
            throw new InvalidInputException("endsAt", "must be in the future");
        }
        Set<Long> known = store.components().stream().map(Component::id).collect(Collectors.toSet());
        List<Long> componentIds =
                input.componentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(input.componentIds()));
        if (componentIds.isEmpty()) {
            throw new InvalidInputException("componentIds", "must name at least one component");
        }
        for (Long componentId : componentIds) {
            if (componentId == null || !known.contains(componentId)) {
                throw new InvalidInputException(
                        "componentIds", "names a component that does not exist: " + componentId);
            }
        }
        return new ValidMaintenance(title, description, input.startsAt(), input.endsAt(), componentIds);
    }

    static String text(String value, String field, int max, boolean required) {
        String stripped = value == null ? "" : Text.clean(value).strip();
        if (stripped.isEmpty()) {
            if (required) {
                throw new InvalidInputException(field, "is required");
            }
            return null;
        }
        if (stripped.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return stripped;
    }
}
