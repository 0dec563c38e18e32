package dev.cairn.incident.web;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Users;
import dev.cairn.incident.DeclareIncident;
import dev.cairn.incident.Incident;
import dev.cairn.incident.IncidentFilter;
import dev.cairn.incident.IncidentStatus;
import dev.cairn.incident.IncidentType;
import dev.cairn.incident.Incidents;
import dev.cairn.incident.Severities;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.Durations;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The incident list and the declare form. The room itself belongs to the timeline module. */
@Controller
class IncidentPages {

    private final Incidents incidents;
    private final Severities severities;
    private final Services services;
    private final Users users;
    private final Clock clock;

    IncidentPages(Incidents incidents, Severities severities, Services services, Users users, Clock clock) {
        this.incidents = incidents;
        this.severities = severities;
        this.services = services;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/incidents")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) Long service,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            Model model) {
        Actor actor = Actors.current().orElseThrow();
        ZoneId zone = users.zoneOf(actor.userId());
        Set<IncidentStatus> statuses = blank(status)
                ? Set.of()
                : "open".equals(status)
                        ? EnumSet.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING)
                        : Set.of(IncidentStatus.parse(status));
        IncidentFilter filter = new IncidentFilter(
                statuses,
                blank(severity) ? Set.of() : Set.of(severity),
                service,
                blank(type) ? Set.of() : Set.of(IncidentType.parse(type)),
                day(from, zone, "from", 0),
                day(to, zone, "to", 1),
                q);
        CursorPage<Incident> page = incidents.list(filter, cursor, 50, actor);
        Instant now = clock.instant();
        model.addAttribute("page", page);
        model.addAttribute("filter", filter);
        model.addAttribute(
                "filtered",
                !blank(q)
                        || !blank(status)
                        || !blank(severity)
                        || service != null
                        || !blank(type)
                        || !blank(from)
                        || !blank(to));
        model.addAttribute("statusParam", status);
        model.addAttribute("fromParam", from);
        model.addAttribute("toParam", to);
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("types", IncidentType.values());
        model.addAttribute("severities", severities.all());
        model.addAttribute("services", services.all());
        model.addAttribute(
                "durations",
                page.items().stream().collect(Collectors.toMap(Incident::id, i -> Durations.human(i.duration(now)))));
        model.addAttribute(
                "nextLink",
                page.nextCursor() == null
                        ? null
                        : UriComponentsBuilder.fromPath("/incidents")
                                .queryParamIfPresent("q", java.util.Optional.ofNullable(q))
                                .queryParamIfPresent("status", java.util.Optional.ofNullable(status))
                                .queryParamIfPresent("severity", java.util.Optional.ofNullable(severity))
                                .queryParamIfPresent("service", java.util.Optional.ofNullable(service))
                                .queryParamIfPresent("type", java.util.Optional.ofNullable(type))
                                .queryParamIfPresent("from", java.util.Optional.ofNullable(from))
                                .queryParamIfPresent("to", java.util.Optional.ofNullable(to))
                                .queryParam("cursor", page.nextCursor())
                                .build()
                                .encode()
                                .toUriString());
        return "incident/list";
    }

    /** The declare form's fields as posted. */
    record DeclareForm(
            String title, String severity, String summary, List<Long> serviceIds, String type, String impactStartedAt) {
        static DeclareForm empty() {
            return new DeclareForm("", "SEV3", "", List.of(), "default", "");
        }

        DeclareForm {
            serviceIds = serviceIds == null ? List.of() : serviceIds;
        }
    }

    @GetMapping("/incidents/new")
    String declareForm(Model model) {
        return form(DeclareForm.empty(), null, model);
    }

    @PostMapping("/incidents")
    String declare(@ModelAttribute DeclareForm form, Model model) {
        Actor actor = Actors.current().orElseThrow();
        try {
            Instant impact = blank(form.impactStartedAt())
                    ? null
                    : LocalDateTime.parse(form.impactStartedAt())
                            .atZone(users.zoneOf(actor.userId()))
                            .toInstant();
            Incident incident = incidents.declare(
                    new DeclareIncident(
                            form.title(),
                            form.summary(),
                            form.severity(),
                            blank(form.type()) ? IncidentType.DEFAULT : IncidentType.parse(form.type()),
                            form.serviceIds(),
                            impact,
                            null),
                    actor);
            return "redirect:/incidents/" + incident.id();
        } catch (InvalidInputException e) {
            return form(form, e.field() + " " + e.getMessage(), model);
        } catch (DateTimeParseException e) {
            return form(form, "Impact started is not a date and time", model);
        }
    }

    private String form(DeclareForm form, String error, Model model) {
        Actor actor = Actors.current().orElseThrow();
        Actors.requireWrite(actor);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("severities", severities.all());
        model.addAttribute("services", services.all());
        model.addAttribute("zone", users.zoneOf(actor.userId()).getId());
        return "incident/declare";
    }

    private static Instant day(String value, ZoneId zone, String field, int plusDays) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date (YYYY-MM-DD)");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
