package dev.cairn.insights.web;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Teams;
import dev.cairn.incident.Severities;
import dev.cairn.insights.Annotations;
import dev.cairn.insights.Cost;
import dev.cairn.insights.CostModel;
import dev.cairn.insights.CostModels;
import dev.cairn.insights.Expertise;
import dev.cairn.insights.InsightsFilter;
import dev.cairn.insights.Learning;
import dev.cairn.insights.Load;
import dev.cairn.insights.Mttx;
import dev.cairn.insights.Participation;
import dev.cairn.insights.Periods;
import dev.cairn.insights.Privacy;
import dev.cairn.insights.Visible;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/** The insights pages: filters, a chart, the table behind it and a CSV link on every view. */
@Controller
class InsightsPages {

    private final Params params;
    private final Load load;
    private final Expertise expertise;
    private final Participation participation;
    private final Cost cost;
    private final CostModels models;
    private final Mttx mttx;
    private final Annotations annotations;
    private final Visible visible;
    private final Teams teams;
    private final Services services;
    private final Severities severities;
    private final Learning learning;

    InsightsPages(
            Params params,
            Load load,
            Expertise expertise,
            Participation participation,
            Cost cost,
            CostModels models,
            Mttx mttx,
            Annotations annotations,
            Visible visible,
            Teams teams,
            Services services,
            Severities severities,
            Learning learning) {
        this.params = params;
        this.load = load;
        this.expertise = expertise;
        this.participation = participation;
        this.cost = cost;
        this.models = models;
        this.mttx = mttx;
        this.annotations = annotations;
        this.visible = visible;
        this.teams = teams;
        this.services = services;
        this.severities = severities;
        this.learning = learning;
    }

    /** The filter as the request gave it, echoed into forms and links. */
    record Query(String from, String to, String team, String service, String severity, String drills) {

        String string() {
            return UriComponentsBuilder.newInstance()
                    .queryParamIfPresent("from", opt(from))
                    .queryParamIfPresent("to", opt(to))
                    .queryParamIfPresent("team", opt(team))
                    .queryParamIfPresent("service", opt(service))
                    .queryParamIfPresent("severity", opt(severity))
                    .queryParamIfPresent("drills", opt(drills))
                    .build()
                    .encode()
                    .getQuery();
        }

        private static java.util.Optional<String> opt(String value) {
            return Params.blank(value) ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
        }
    }

    private Actor reader() {
        Actor actor = Actors.current().orElseThrow();
        Params.requireReader(actor);
        return actor;
    }

    private InsightsFilter prepare(Query q, String tab, Model model) {
        InsightsFilter filter = params.filter(q.from(), q.to(), q.team(), q.service(), q.severity(), q.drills());
        model.addAttribute("tab", tab);
        model.addAttribute("q", q);
        String qs = q.string();
        model.addAttribute("qs", qs == null ? "" : qs);
        model.addAttribute("fromDay", filter.from().atZone(ZoneOffset.UTC).toLocalDate());
        model.addAttribute(
                "toDay", filter.to().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1));
        model.addAttribute("teams", teams.all());
        model.addAttribute("services", services.all());
        model.addAttribute("severities", severities.all());
        model.addAttribute("drills", filter.drills());
        model.addAttribute("privacyRule", Privacy.RULE);
        return filter;
    }

    @GetMapping("/insights")
    String index() {
        return "redirect:/insights/load";
    }

    @GetMapping("/insights/drills")
    String drills() {
        return "redirect:/insights/mttx?drills=only";
    }

    @GetMapping("/insights/learning")
    String learning(Query q, Model model) {
        Actor actor = reader();
        InsightsFilter filter = prepare(q, "learning", model);
        Learning.Report report = learning.report(filter, actor);
        model.addAttribute("report", report);
        List<Learning.Row> months = report.months();
        List<String> labels = months.stream().map(Learning.Row::period).toList();
        List<String> links = months.stream()
                .map(m -> "/incidents?from=" + m.start() + "&to="
                        + m.start().plusMonths(1).minusDays(1))
                .toList();
        String reviews = report.drills() ? "Game-day write-ups" : "Reviews";
        model.addAttribute(
                "reviewsChart",
                Charts.bar(
                        labels,
                        List.of(
                                Charts.dataset(
                                        reviews + " required",
                                        months.stream()
                                                .map(Learning.Row::reviewsRequired)
                                                .toList(),
                                        Charts.COLORS[6]),
                                Charts.dataset(
                                        "Started",
                                        months.stream()
                                                .map(Learning.Row::reviewsStarted)
                                                .toList(),
                                        Charts.COLORS[1]),
                                Charts.dataset(
                                        "Published",
                                        months.stream()
                                                .map(Learning.Row::reviewsPublished)
                                                .toList(),
                                        Charts.COLORS[0]),
                                Charts.dataset(
                                        "Read by at least one person",
                                        months.stream()
                                                .map(Learning.Row::publishedRead)
                                                .toList(),
                                        Charts.COLORS[3])),
                        false,
                        "incidents",
                        links));
        model.addAttribute(
                "actionsChart",
                Charts.bar(
                        labels,
                        List.of(
                                Charts.dataset(
                                        "Proposed",
                                        months.stream()
                                                .map(Learning.Row::actionsProposed)
                                                .toList(),
                                        Charts.COLORS[6]),
                                Charts.dataset(
                                        "Decided",
                                        months.stream()
                                                .map(Learning.Row::actionsDecided)
                                                .toList(),
                                        Charts.COLORS[2]),
                                Charts.dataset(
                                        "To do",
                                        months.stream()
                                                .map(Learning.Row::actionsToDo)
                                                .toList(),
                                        Charts.COLORS[1]),
                                Charts.dataset(
                                        "Done",
                                        months.stream()
                                                .map(Learning.Row::actionsDone)
                                                .toList(),
                                        Charts.COLORS[3]),
                                Charts.dataset(
                                        "Overdue",
                                        months.stream()
                                                .map(Learning.Row::actionsOverdue)
                                                .toList(),
                                        Charts.COLORS[4])),
                        false,
                        "action items",
                        links));
        return "insights/learning";
    }

    @GetMapping("/insights/load")
    String load(Query q, @RequestParam(required = false) String interval, Model model) {
        Actor actor = reader();
        InsightsFilter filter = prepare(q, "load", model);
        Periods periods = Periods.parse(interval);
        Load.Report report = load.report(filter, periods, actor);
        model.addAttribute("report", report);
        model.addAttribute("interval", periods.name().toLowerCase(java.util.Locale.ROOT));
        List<String> labels =
                report.periods().stream().map(Load.PeriodLoad::period).toList();
        model.addAttribute(
                "chart",
                Charts.bar(
                        labels,
                        List.of(
                                Charts.dataset(
                                        "Working hours",
                                        report.periods().stream()
                                                .map(Load.PeriodLoad::workHours)
                                                .toList(),
                                        Charts.COLORS[0]),
                                Charts.dataset(
                                        "Evenings",
                                        report.periods().stream()
                                                .map(Load.PeriodLoad::eveningHours)
                                                .toList(),
                                        Charts.COLORS[1]),
                                Charts.dataset(
                                        "Sleep hours",
                                        report.periods().stream()
                                                .map(Load.PeriodLoad::sleepHours)
                                                .toList(),
                                        Charts.COLORS[2]),
                                Charts.dataset(
                                        "Weekends",
                                        report.periods().stream()
                                                .map(Load.PeriodLoad::weekendHours)
                                                .toList(),
                                        Charts.COLORS[3])),
                        true,
                        "hours in incidents",
                        report.periods().stream()
                                .map(p -> "/incidents?from=" + p.start() + "&to="
                                        + periods.end(keyOf(periods, p.start())).minusDays(1))
                                .toList()));
        return "insights/load";
    }

    private static long keyOf(Periods periods, LocalDate start) {
        return switch (periods) {
            case WEEK -> (start.toEpochDay() - 4) / 7;
            case MONTH -> start.getYear() * 100L + start.getMonthValue();
            case QUARTER -> start.getYear() * 10L + (start.getMonthValue() - 1) / 3 + 1;
        };
    }

    @GetMapping("/insights/expertise")
    String expertise(Query q, Model model) {
        Actor actor = reader();
        InsightsFilter filter = prepare(q, "expertise", model);
        Expertise.Report report = expertise.report(filter, actor);
        model.addAttribute("report", report);
        List<Map<String, Object>> datasets = new ArrayList<>();
        int i = 0;
        for (Expertise.ServiceTrend trend : report.trends()) {
            datasets.add(Charts.dataset(
                    trend.service(),
                    trend.quarters().stream()
                            .map(p -> p.incidents() == 0 ? null : Math.round(p.topShare() * 100))
                            .toList(),
                    Charts.COLORS[i++ % Charts.COLORS.length]));
        }
        model.addAttribute(
                "chart",
                Charts.line(report.quarters(), datasets, "top person's share of incidents, %", List.of(), List.of()));
        return "insights/expertise";
    }

    @GetMapping("/insights/participation")
    String participation(
            Query q,
            @RequestParam(required = false) String interval,
            @RequestParam(required = false) String incident,
            Model model) {
        Actor actor = reader();
        InsightsFilter filter = prepare(q, "participation", model);
        Periods periods = Periods.parse(interval);
        Participation.Report report = participation.report(filter, periods, actor);
        model.addAttribute("report", report);
        model.addAttribute("interval", periods.name().toLowerCase(java.util.Locale.ROOT));
        Long incidentId = Params.id(incident, "incident");
        if (incidentId != null) {
            model.addAttribute(
                    "detail",
                    participation
                            .incident(incidentId, actor)
                            .orElseThrow(() -> new NotFoundException(
                                    "Incident " + dev.cairn.incident.Incident.reference(incidentId))));
        }
        List<String> labels =
                report.breadth().stream().map(Participation.Breadth::period).toList();
        model.addAttribute(
                "chart",
                Charts.line(
                        labels,
                        List.of(
                                Charts.dataset(
                                        "People per incident",
                                        report.breadth().stream()
                                                .map(Participation.Breadth::avgPeople)
                                                .toList(),
                                        Charts.COLORS[0]),
                                Charts.dataset(
                                        "Teams per incident",
                                        report.breadth().stream()
                                                .map(Participation.Breadth::avgTeams)
                                                .toList(),
                                        Charts.COLORS[1]),
                                Charts.dataset(
                                        "Watchers per incident",
                                        report.breadth().stream()
                                                .map(Participation.Breadth::avgWatchers)
                                                .toList(),
                                        Charts.COLORS[6])),
                        "average per incident",
                        List.of(),
                        List.of()));
        return "insights/participation";
    }

    @GetMapping("/insights/cost")
    String cost(Query q, Model model) {
        Actor actor = reader();
        InsightsFilter filter = prepare(q, "cost", model);
        Cost.Report report = cost.report(filter, actor);
        model.addAttribute("report", report);
        List<Cost.GroupCost> months = report.months();
        model.addAttribute(
                "chart",
                Charts.bar(
                        months.stream().map(Cost.GroupCost::group).toList(),
                        List.of(
                                Charts.dataset(
                                        "Response",
                                        months.stream()
                                                .map(m -> m.responseHours())
                                                .toList(),
                                        Charts.COLORS[0]),
                                Charts.dataset(
                                        "Night extra",
                                        months.stream().map(m -> m.nightHours()).toList(),
                                        Charts.COLORS[2]),
                                Charts.dataset(
                                        "Interrupted work",
                                        months.stream()
                                                .map(m -> m.interruptedHours())
                                                .toList(),
                                        Charts.COLORS[1]),
                                Charts.dataset(
                                        "Review",
                                        months.stream()
                                                .map(m -> m.reviewHours())
                                                .toList(),
                                        Charts.COLORS[3])),
                        true,
                        "weighted person-hours",
                        months.stream()
                                .map(m -> "/incidents?from=" + m.group() + "-01&to="
                                        + LocalDate.parse(m.group() + "-01")
                                                .plusMonths(1)
                                                .minusDays(1))
                                .toList()));
        return "insights/cost";
    }

    @PostMapping("/insights/cost/model")
    String saveModel(
            @RequestParam String currency,
            @RequestParam String hourlyRate,
            @RequestParam String weightCommander,
            @RequestParam String weightComms,
            @RequestParam String weightParticipant,
            @RequestParam String weightObserver,
            @RequestParam String sleepExtra,
            @RequestParam String refocusHours,
            @RequestParam String reviewHours) {
        models.save(
                new CostModel(
                        currency,
                        number(hourlyRate, "hourlyRate"),
                        number(weightCommander, "weightCommander"),
                        number(weightComms, "weightComms"),
                        number(weightParticipant, "weightParticipant"),
                        number(weightObserver, "weightObserver"),
                        number(sleepExtra, "sleepExtra"),
                        number(refocusHours, "refocusHours"),
                        CostModel.parseReviewHours(reviewHours)),
                Actors.current().orElseThrow());
        return "redirect:/insights/cost?saved";
    }

    private static BigDecimal number(String value, String field) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a number");
        }
    }

    @GetMapping("/insights/mttx")
    String mttx(
            Query q,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String by,
            Model model) {
        Actor actor = reader();
        InsightsFilter filter = prepare(q, "mttx", model);
        Mttx.Metric m = Mttx.Metric.parse(metric);
        Mttx.GroupBy g = Mttx.GroupBy.parse(by);
        Mttx.Report report = mttx.report(filter, m, g, actor);
        model.addAttribute("report", report);
        model.addAttribute("metric", m.json());
        model.addAttribute("metrics", Mttx.Metric.values());
        model.addAttribute("by", g.name().toLowerCase(java.util.Locale.ROOT));
        String base = "/insights/mttx/incidents?metric=" + m.json();
        String qs = (String) model.getAttribute("qs");
        model.addAttribute(
                "histogram",
                Charts.bar(
                        report.histogram().stream().map(Mttx.Bucket::label).toList(),
                        List.of(Charts.dataset(
                                "Incidents",
                                report.histogram().stream()
                                        .map(Mttx.Bucket::incidents)
                                        .toList(),
                                Charts.COLORS[0])),
                        false,
                        "incidents",
                        report.histogram().stream()
                                .map(b -> base + "&min=" + b.minSeconds()
                                        + (b.maxSeconds() == null ? "" : "&max=" + b.maxSeconds())
                                        + (qs.isEmpty() ? "" : "&" + qs))
                                .toList()));
        Query within = q;
        model.addAttribute(
                "series",
                Charts.line(
                        report.series().stream().map(Mttx.Point::period).toList(),
                        List.of(
                                Charts.dataset(
                                        "Median, hours",
                                        report.series().stream()
                                                .map(p -> hours(p.medianSeconds()))
                                                .toList(),
                                        Charts.COLORS[0]),
                                Charts.dataset(
                                        "p90, hours",
                                        report.series().stream()
                                                .map(p -> hours(p.p90Seconds()))
                                                .toList(),
                                        Charts.COLORS[4])),
                        "hours",
                        report.series().stream()
                                .map(p -> {
                                    String drill = new Query(
                                                    p.start().toString(),
                                                    p.end().minusDays(1).toString(),
                                                    within.team(),
                                                    within.service(),
                                                    within.severity(),
                                                    within.drills())
                                            .string();
                                    return base + "&" + drill;
                                })
                                .toList(),
                        report.annotations().stream()
                                .map(a -> Map.<String, Object>of(
                                        "label",
                                        a.date().toString().substring(0, 7),
                                        "text",
                                        a.date() + ": " + a.text()))
                                .toList()));
        return "insights/mttx";
    }

    private static Double hours(Long seconds) {
        return seconds == null ? null : Math.round(seconds / 360.0) / 10.0;
    }

    @GetMapping("/insights/mttx/incidents")
    String mttxIncidents(
            Query q,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String min,
            @RequestParam(required = false) String max,
            Model model) {
        Actor actor = reader();
        InsightsFilter filter = prepare(q, "mttx", model);
        Mttx.Metric m = Mttx.Metric.parse(metric);
        Long lo = Params.seconds(min, "min");
        Long hi = Params.seconds(max, "max");
        model.addAttribute("metricLabel", m.label);
        model.addAttribute(
                "rangeText", (lo == null ? "0" : human(lo)) + (hi == null ? " or more" : " to under " + human(hi)));
        model.addAttribute("incidents", visible.incidents(mttx.incidentIds(filter, m, lo, hi), actor));
        return "insights/drill";
    }

    private static String human(long seconds) {
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }

    @PostMapping("/insights/annotations")
    String annotate(@RequestParam(required = false) String date, @RequestParam(required = false) String text) {
        LocalDate day;
        try {
            day = Params.blank(date) ? null : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date", "must be a date like 2026-01-31");
        }
        annotations.create(day, text, Actors.current().orElseThrow());
        return "redirect:/insights/mttx";
    }

    @PostMapping("/insights/annotations/{id}/delete")
    String deleteAnnotation(@PathVariable long id) {
        annotations.delete(id, Actors.current().orElseThrow());
        return "redirect:/insights/mttx";
    }

    @GetMapping("/insights/{view}.csv")
    @ResponseBody
    ResponseEntity<String> csv(
            @PathVariable String view,
            Query q,
            @RequestParam(required = false) String interval,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String by) {
        Actor actor = reader();
        InsightsFilter filter = params.filter(q.from(), q.to(), q.team(), q.service(), q.severity(), q.drills());
        String body = switch (view) {
            case "load" -> Tables.load(load.report(filter, Periods.parse(interval), actor));
            case "expertise" -> Tables.expertise(expertise.report(filter, actor, Integer.MAX_VALUE));
            case "participation" -> Tables.participation(participation.report(filter, Periods.parse(interval), actor));
            case "cost" -> Tables.cost(cost.report(filter, actor));
            case "learning" -> Tables.learning(learning.report(filter, actor));
            case "mttx" -> Tables.mttx(mttx.report(filter, Mttx.Metric.parse(metric), Mttx.GroupBy.parse(by), actor));
            default -> throw new NotFoundException("Insights view " + view);
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"insights-" + view + ".csv\"")
                .body(body);
    }
}
