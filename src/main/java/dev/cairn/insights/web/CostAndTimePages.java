package dev.cairn.insights.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.insights.Annotations;
import dev.cairn.insights.Cost;
import dev.cairn.insights.CostModel;
import dev.cairn.insights.CostModels;
import dev.cairn.insights.InsightsFilter;
import dev.cairn.insights.Mttx;
import dev.cairn.insights.Visible;
import dev.cairn.shared.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The insights pages about cost and time: the cost model per incident (and its editing), MTTx
 * distributions with their drill-down, and the annotations drawn on MTTx series.
 */
@Controller
class CostAndTimePages {

    private final InsightsTabs tabs;
    private final Cost cost;
    private final CostModels models;
    private final Mttx mttx;
    private final Annotations annotations;
    private final Visible visible;

    CostAndTimePages(
            InsightsTabs tabs, Cost cost, CostModels models, Mttx mttx, Annotations annotations, Visible visible) {
        this.tabs = tabs;
        this.cost = cost;
        this.models = models;
        this.mttx = mttx;
        this.annotations = annotations;
        this.visible = visible;
    }

    @GetMapping("/insights/cost")
    String cost(InsightsQuery q, Model model) {
        Actor actor = tabs.reader();
        InsightsFilter filter = tabs.prepare(q, "cost", model);
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
            InsightsQuery q,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String by,
            Model model) {
        Actor actor = tabs.reader();
        InsightsFilter filter = tabs.prepare(q, "mttx", model);
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
        InsightsQuery within = q;
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
                                    String drill = new InsightsQuery(
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
            InsightsQuery q,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String min,
            @RequestParam(required = false) String max,
            Model model) {
        Actor actor = tabs.reader();
        InsightsFilter filter = tabs.prepare(q, "mttx", model);
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
}
