package dev.cairn.incident.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentFilter;
import dev.cairn.incident.IncidentPeople;
import dev.cairn.incident.IncidentRole;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.IncidentUpdate;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Milestone;
import dev.cairn.incident.Participant;
import dev.cairn.incident.Severities;
import dev.cairn.incident.Severity;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Incidents", description = "Declare and work incidents")
class IncidentApi {

    private final Incidents incidents;
    private final IncidentPeople people;
    private final Severities severities;

    IncidentApi(Incidents incidents, IncidentPeople people, Severities severities) {
        this.incidents = incidents;
        this.people = people;
        this.severities = severities;
    }

    record DeclareRequest(
            String title,
            String summary,
            String severity,
            IncidentType type,
            List<Long> serviceIds,
            Instant impactStartedAt,
            Instant detectedAt) {}

    record PatchRequest(
            String title,
            String summary,
            String severity,
            IncidentStatus status,
            IncidentType type,
            List<Long> serviceIds,
            Instant impactStartedAt,
            Instant detectedAt,
            Instant declaredAt,
            Instant acknowledgedAt,
            Instant mitigatedAt,
            Instant resolvedAt) {}

    record RoleRequest(Long userId) {}

    record ParticipantRequest(Long userId) {}

    @PostMapping("/incidents")
    @Operation(summary = "Declare an incident", description = "Send an Idempotency-Key header to make retries safe.")
    ResponseEntity<Incident> declare(@RequestBody DeclareRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        Incident incident = incidents.declare(
                new DeclareIncident(
                        request.title(),
                        request.summary(),
                        request.severity(),
                        request.type(),
                        request.serviceIds(),
                        request.impactStartedAt(),
                        request.detectedAt()),
                actor());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.id()))
                .body(incident);
    }

    @GetMapping("/incidents")
    @Operation(summary = "List incidents, newest first, with filters and search")
    CursorPage<Incident> list(
            @RequestParam(required = false) Set<String> status,
            @RequestParam(required = false) Set<String> severity,
            @RequestParam(required = false) Long service,
            @RequestParam(required = false) Set<String> type,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        IncidentFilter filter = new IncidentFilter(
                status == null
                        ? null
                        : status.stream().map(IncidentStatus::parse).collect(Collectors.toSet()),
                severity == null
                        ? null
                        : severity.stream()
                                .map(s -> s.toUpperCase(java.util.Locale.ROOT))
                                .collect(Collectors.toSet()),
                service,
                type == null ? null : type.stream().map(IncidentType::parse).collect(Collectors.toSet()),
                from,
                to,
                q);
        return incidents.list(filter, cursor, CursorPage.limit(limit), actor());
    }

    @GetMapping("/incidents/{id}")
    @Operation(summary = "One incident")
    Incident get(@PathVariable long id) {
        return incidents.get(id, actor());
    }

    @PatchMapping("/incidents/{id}")
    @Operation(summary = "Change title, summary, severity, status, type, services or key timestamps")
    Incident patch(@PathVariable long id, @RequestBody PatchRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        Map<Milestone, Instant> times = new EnumMap<>(Milestone.class);
        put(times, Milestone.IMPACT_STARTED, request.impactStartedAt());
        put(times, Milestone.DETECTED, request.detectedAt());
        put(times, Milestone.DECLARED, request.declaredAt());
        put(times, Milestone.ACKNOWLEDGED, request.acknowledgedAt());
        put(times, Milestone.MITIGATED, request.mitigatedAt());
        put(times, Milestone.RESOLVED, request.resolvedAt());
        return incidents.update(
                id,
                new IncidentUpdate(
                        request.title(),
                        request.summary(),
                        request.severity(),
                        request.status(),
                        request.type(),
                        request.serviceIds(),
                        times),
                actor());
    }

    @PutMapping("/incidents/{id}/roles/{role}")
    @Operation(summary = "Give a role to someone (replaces the holder of a single role)")
    Incident assignRole(@PathVariable long id, @PathVariable String role, @RequestBody RoleRequest request) {
        if (request == null || request.userId() == null) {
            throw new InvalidInputException("userId", "is required");
        }
        return people.assignRole(id, IncidentRole.parse(role), request.userId(), actor());
    }

    @DeleteMapping("/incidents/{id}/roles/{role}/{userId}")
    @Operation(summary = "Take a role away from someone")
    Incident unassignRole(@PathVariable long id, @PathVariable String role, @PathVariable long userId) {
        return people.unassignRole(id, IncidentRole.parse(role), userId, actor());
    }

    @GetMapping("/incidents/{id}/participants")
    @Operation(summary = "Who joined and left the incident, and when")
    List<Participant> participants(@PathVariable long id) {
        return people.participants(id, actor());
    }

    @PostMapping("/incidents/{id}/participants")
    @Operation(summary = "Bring someone into the incident")
    List<Participant> join(@PathVariable long id, @RequestBody ParticipantRequest request) {
        if (request == null || request.userId() == null) {
            throw new InvalidInputException("userId", "is required");
        }
        people.join(id, request.userId(), "added", actor());
        return people.participants(id, actor());
    }

    @DeleteMapping("/incidents/{id}/participants/{userId}")
    @Operation(summary = "Someone leaves the incident")
    List<Participant> leave(@PathVariable long id, @PathVariable long userId) {
        people.leave(id, userId, actor());
        return people.participants(id, actor());
    }

    @GetMapping("/severities")
    @Operation(summary = "The configured severity levels")
    List<Severity> severities() {
        return severities.all();
    }

    record SeverityRequest(String name, String description) {}

    @PatchMapping("/severities/{code}")
    @Operation(summary = "Rename or re-describe a severity level (admins)")
    Severity describeSeverity(@PathVariable String code, @RequestBody SeverityRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        return severities.describe(
                code.toUpperCase(java.util.Locale.ROOT), request.name(), request.description(), actor());
    }

    private static void put(Map<Milestone, Instant> times, Milestone milestone, Instant value) {
        if (value != null) {
            times.put(milestone, value);
        }
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
