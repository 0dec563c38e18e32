package dev.cairn.insights.web;

import dev.cairn.identity.Actor;
import dev.cairn.insights.Cost;
import dev.cairn.insights.Expertise;
import dev.cairn.insights.InsightsFilter;
import dev.cairn.insights.Learning;
import dev.cairn.insights.Load;
import dev.cairn.insights.Mttx;
import dev.cairn.insights.Participation;
import dev.cairn.insights.Periods;
import dev.cairn.insights.Visible;
import dev.cairn.shared.NotFoundException;
import java.time.LocalDate;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The insights pages about people and learning (load, expertise, participation, learning) and every
 * view's CSV; cost and time (MTTx) are {@link CostAndTimePages}. Each has filters, a chart, the table
 * behind it and a CSV link.
 */
@Controller
class InsightsPages {

    private final InsightsTabs tabs;
    private final Params params;
    private final Load load;
    private final Expertise expertise;
    private final Participation participation;
    private final Cost cost;
    private final Mttx mttx;
    private final Visible visible;
    private final Learning learning;

    InsightsPages(
            InsightsTabs tabs,
            Params params,
            Load load,
            Expertise expertise,
            Participation participation,
            Cost cost,
            Mttx mttx,
            Visible visible,
            Learning learning) {
        this.tabs = tabs;
        this.params = params;
        this.load = load;
        this.expertise = expertise;
        this.participation = participation;
        this.cost = cost;
        this.mttx = mttx;
        this.visible = visible;
        this.learning = learning;
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
    String learning(InsightsQuery q, Model model) {
        Actor actor = tabs.reader();
        InsightsFilter filter = tabs.prepare(q, "learning", model);
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
    String load(InsightsQuery q, @RequestParam(required = false) String interval, Model model) {
        Actor actor = tabs.reader();
        InsightsFilter filter = tabs.prepare(q, "load", model);
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
    String expertise(InsightsQuery q, Model model) {
        Actor actor = tabs.reader();
        InsightsFilter filter = tabs.prepare(q, "expertise", model);
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
            InsightsQuery q,
            @RequestParam(required = false) String interval,
            @RequestParam(required = false) String incident,
            Model model) {
        Actor actor = tabs.reader();
        InsightsFilter filter = tabs.prepare(q, "participation", model);
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

    @GetMapping("/insights/{view}.csv")
    @ResponseBody
    ResponseEntity<String> csv(
            @PathVariable String view,
            InsightsQuery q,
            @RequestParam(required = false) String interval,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String by) {
        Actor actor = tabs.reader();
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
