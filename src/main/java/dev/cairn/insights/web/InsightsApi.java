package dev.cairn.insights.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.incident.Incident;
import dev.cairn.insights.Annotations;
import dev.cairn.insights.Cost;
import dev.cairn.insights.CostModel;
import dev.cairn.insights.CostModels;
import dev.cairn.insights.Expertise;
import dev.cairn.insights.InsightsFilter;
import dev.cairn.insights.InsightsRefresh;
import dev.cairn.insights.Learning;
import dev.cairn.insights.Load;
import dev.cairn.insights.Mttx;
import dev.cairn.insights.Participation;
import dev.cairn.insights.Periods;
import dev.cairn.insights.Visible;
import dev.cairn.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

/**
 * Insights as JSON or CSV. Every view takes {@code from}, {@code to} (days, UTC, {@code to}
 * inclusive; default the last 90 days), {@code team}, {@code service}, {@code severity},
 * {@code drills} (exclude | only) and {@code format} (json | csv).
 */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(
        name = "Insights",
        description =
                "Load, expertise, participation, cost, MTTx and learning health across incidents (responders and admins)")
class InsightsApi {

    private final Params params;
    private final Load load;
    private final Expertise expertise;
    private final Participation participation;
    private final Cost cost;
    private final CostModels models;
    private final Mttx mttx;
    private final Annotations annotations;
    private final InsightsRefresh refresh;
    private final Visible visible;
    private final Learning learning;

    InsightsApi(
            Params params,
            Load load,
            Expertise expertise,
            Participation participation,
            Cost cost,
            CostModels models,
            Mttx mttx,
            Annotations annotations,
            InsightsRefresh refresh,
            Visible visible,
            Learning learning) {
        this.params = params;
        this.load = load;
        this.expertise = expertise;
        this.participation = participation;
        this.cost = cost;
        this.models = models;
        this.mttx = mttx;
        this.annotations = annotations;
        this.refresh = refresh;
        this.visible = visible;
        this.learning = learning;
    }

    private static Actor reader() {
        Actor actor = Actors.current().orElseThrow();
        Params.requireReader(actor);
        return actor;
    }

    private <T> ResponseEntity<?> answer(String format, String name, T report, Function<T, String> csv) {
        if (Params.csv(format)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"insights-" + name + ".csv\"")
                    .body(csv.apply(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    @GetMapping("/load")
    @Operation(
            summary = "Load per person and team",
            description = "Hours in incidents split into each person's own working / evening / sleep / weekend"
                    + " bands, hours on call (at most the last 400 days of the range), pages received, incidents"
                    + " per role, per period (interval=week|month|quarter); people far above their team flagged.")
    ResponseEntity<?> load(
            @ParameterObject Filters q,
            @RequestParam(required = false) @Parameter(description = "week, month (default) or quarter")
                    String interval) {
        Actor actor = reader();
        InsightsFilter filter = q.filter(params);
        Params.csv(q.format());
        return answer(q.format(), "load", load.report(filter, Periods.parse(interval), actor), Tables::load);
    }

    @GetMapping("/expertise")
    @Operation(
            summary = "Expertise concentration per service",
            description = "Who takes part in each service's incidents, on call or pulled in off-call, top person's"
                    + " share, Gini coefficient, trend per quarter, and services resting on one or two people."
                    + " `persons` lists the top 20 per service (`people` counts them all); with `service` or"
                    + " `format=csv`, everyone.")
    ResponseEntity<?> expertise(@ParameterObject Filters q) {
        Actor actor = reader();
        InsightsFilter filter = q.filter(params);
        Params.csv(q.format());
        return answer(
                q.format(),
                "expertise",
                Params.csv(q.format())
                        ? expertise.report(filter, actor, Integer.MAX_VALUE)
                        : expertise.report(filter, actor),
                Tables::expertise);
    }

    @GetMapping("/participation")
    @Operation(
            summary = "Participation and talk share",
            description = "Messages and words per person per incident (web, Slack mirror, imports), people and teams"
                    + " that took part, who only watched, and breadth of perspectives per period.")
    ResponseEntity<?> participation(@ParameterObject Filters q, @RequestParam(required = false) String interval) {
        Actor actor = reader();
        InsightsFilter filter = q.filter(params);
        Params.csv(q.format());
        return answer(
                q.format(),
                "participation",
                participation.report(filter, Periods.parse(interval), actor),
                Tables::participation);
    }

    @GetMapping("/cost")
    @Operation(
            summary = "Cost beyond duration",
            description = "The cost model applied per incident with its breakdown, summed per month, service and team. "
                    + CostModel.FORMULA)
    ResponseEntity<?> cost(@ParameterObject Filters q) {
        Actor actor = reader();
        InsightsFilter filter = q.filter(params);
        Params.csv(q.format());
        return answer(q.format(), "cost", cost.report(filter, actor), Tables::cost);
    }

    @GetMapping("/cost/model")
    @Operation(summary = "The cost model in use")
    CostModel costModel() {
        reader();
        return models.current();
    }

    @PutMapping("/cost/model")
    @Operation(summary = "Change the cost model (admins, audited)")
    CostModel saveCostModel(@RequestBody CostModelInput input) {
        return models.save(
                new CostModel(
                        input.currency(),
                        input.hourlyRate(),
                        input.weightCommander(),
                        input.weightComms(),
                        input.weightParticipant(),
                        input.weightObserver(),
                        input.sleepExtra(),
                        input.refocusHours(),
                        input.reviewHours()),
                Actors.current().orElseThrow());
    }

    /** The model as sent; checked by {@link CostModel} so a refusal names its field. */
    record CostModelInput(
            String currency,
            java.math.BigDecimal hourlyRate,
            java.math.BigDecimal weightCommander,
            java.math.BigDecimal weightComms,
            java.math.BigDecimal weightParticipant,
            java.math.BigDecimal weightObserver,
            java.math.BigDecimal sleepExtra,
            java.math.BigDecimal refocusHours,
            java.util.Map<String, java.math.BigDecimal> reviewHours) {}

    @GetMapping("/mttx")
    @Operation(
            summary = "MTTx distributions",
            description = "Time to detect / acknowledge / mitigate / resolve: median and p90 per severity, service or"
                    + " team (by=), histogram and monthly series of one metric (metric=ttd|tta|ttm|ttr), annotations.")
    ResponseEntity<?> mttx(
            @ParameterObject Filters q,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String by) {
        Actor actor = reader();
        InsightsFilter filter = q.filter(params);
        Params.csv(q.format());
        return answer(
                q.format(),
                "mttx",
                mttx.report(filter, Mttx.Metric.parse(metric), Mttx.GroupBy.parse(by), actor),
                Tables::mttx);
    }

    @GetMapping("/learning")
    @Operation(
            summary = "Learning health",
            description = "Of the incidents that resolved in the range, per month and in total: reviews required,"
                    + " started, published and read by at least one person, median readers per published review;"
                    + " survey invitations, answers, response rate and mean scores (only for groups with at least 3"
                    + " answers); action items proposed, decided, to do, won't do, later, done and overdue. With"
                    + " drills=only the reviews are the drills' game-day write-ups.")
    ResponseEntity<?> learning(@ParameterObject Filters q) {
        Actor actor = reader();
        InsightsFilter filter = q.filter(params);
        Params.csv(q.format());
        return answer(q.format(), "learning", learning.report(filter, actor), Tables::learning);
    }

    /** The filters every view takes, and the answer's format (json, the default, or csv). */
    record Filters(
            String from,
            String to,

            @Parameter(description = "team id: incidents touching its services (for load: its members)")
            String team,

            @Parameter(description = "service id") String service,
            @Parameter(description = "SEV1 … SEV4") String severity,

            @Parameter(description = "exclude (default) or only")
            String drills,

            @Parameter(description = "json (default) or csv")
            String format) {

        InsightsFilter filter(Params params) {
            return params.filter(from, to, team, service, severity, drills);
        }
    }

    record IncidentRef(long id, String reference, String title, String severity, java.time.Instant declaredAt) {}

    @GetMapping("/mttx/incidents")
    @Operation(summary = "The incidents behind a histogram bar or series point (min/max in seconds)")
    List<IncidentRef> mttxIncidents(
            @ParameterObject Filters q,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String min,
            @RequestParam(required = false) String max) {
        Actor actor = reader();
        InsightsFilter filter = q.filter(params);
        List<Long> ids = mttx.incidentIds(
                filter, Mttx.Metric.parse(metric), Params.seconds(min, "min"), Params.seconds(max, "max"));
        return visible.incidents(ids, actor).stream()
                .map((Incident i) -> new IncidentRef(i.id(), i.reference(), i.title(), i.severity(), i.declaredAt()))
                .toList();
    }

    @GetMapping("/annotations")
    @Operation(summary = "Annotations between two days")
    List<Annotations.Annotation> annotations(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        reader();
        InsightsFilter filter = params.filter(from, to, null, null, null, null);
        return annotations.between(
                filter.from().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                filter.to().atZone(java.time.ZoneOffset.UTC).toLocalDate());
    }

    record NewAnnotation(String date, String text) {}

    @PostMapping("/annotations")
    @Operation(
            summary = "Place an annotation on the time series (admins, audited)",
            description = "date (yyyy-mm-dd), text")
    ResponseEntity<Annotations.Annotation> createAnnotation(@RequestBody NewAnnotation input) {
        LocalDate date;
        try {
            date = input.date() == null ? null : LocalDate.parse(input.date().strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date", "must be a date like 2026-01-31");
        }
        Annotations.Annotation created =
                annotations.create(date, input.text(), Actors.current().orElseThrow());
        return ResponseEntity.created(URI.create("/api/v1/insights/annotations/" + created.id()))
                .body(created);
    }

    @DeleteMapping("/annotations/{id}")
    @Operation(summary = "Remove an annotation (admins, audited)")
    ResponseEntity<Void> deleteAnnotation(@PathVariable long id) {
        annotations.delete(id, Actors.current().orElseThrow());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/refresh")
    @Operation(
            summary = "Rebuild every insights fact in the background (admins)",
            description = "Answers 202 with the progress; GET the same path to follow it. Used after bulk loads.")
    ResponseEntity<InsightsRefresh.Progress> rebuild() {
        return ResponseEntity.accepted()
                .body(refresh.requestRebuild(Actors.current().orElseThrow()));
    }

    @GetMapping("/refresh")
    @Operation(summary = "Progress of the last rebuild and time of the last refresh")
    InsightsRefresh.Progress progress() {
        reader();
        return refresh.progress();
    }
}
