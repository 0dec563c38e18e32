package dev.cairn.insights.web;

import dev.cairn.insights.Cost;
import dev.cairn.insights.Expertise;
import dev.cairn.insights.Learning;
import dev.cairn.insights.Load;
import dev.cairn.insights.Mttx;
import dev.cairn.insights.Participation;
import java.util.ArrayList;
import java.util.List;

/** The table behind each view, as CSV. Hidden groups say so instead of showing numbers. */
final class Tables {

    private Tables() {}

    static String load(Load.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Load.PersonLoad p : r.people()) {
            rows.add(List.of(
                    p.name(),
                    p.timeZone(),
                    p.teams(),
                    p.hidden() ? "hidden" : p.incidents(),
                    p.hours(),
                    p.workHours(),
                    p.eveningHours(),
                    p.sleepHours(),
                    p.weekendHours(),
                    p.onCallHours(),
                    p.onCallSleepHours(),
                    p.pages(),
                    p.asCommander(),
                    p.asCommsOrScribe(),
                    p.asParticipant(),
                    p.asObserver(),
                    p.flagged()));
        }
        return Csv.write(
                List.of(
                        "person",
                        "time_zone",
                        "teams",
                        "incidents",
                        "incident_hours",
                        "working_hours",
                        "evening_hours",
                        "sleep_hours",
                        "weekend_hours",
                        "on_call_hours",
                        "on_call_sleep_hours",
                        "pages",
                        "as_commander",
                        "as_comms_or_scribe",
                        "as_participant",
                        "as_observer",
                        "flagged"),
                rows);
    }

    static String expertise(Expertise.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Expertise.ServiceExpertise s : r.services()) {
            if (s.hidden()) {
                rows.add(List.of(s.service(), s.team(), "hidden", "", "", "", "", "", "", "", "", ""));
                continue;
            }
            for (Expertise.PersonShare p : s.persons()) {
                rows.add(List.of(
                        s.service(),
                        s.team(),
                        s.incidents(),
                        s.topShare(),
                        s.gini(),
                        s.concentrated(),
                        p.name(),
                        p.incidents(),
                        p.share(),
                        p.onCall(),
                        p.offCall(),
                        s.onCallShare()));
            }
        }
        return Csv.write(
                List.of(
                        "service",
                        "team",
                        "service_incidents",
                        "top_share",
                        "gini",
                        "rests_on_one_or_two",
                        "person",
                        "person_incidents",
                        "person_share",
                        "on_call",
                        "pulled_in_off_call",
                        "service_on_call_share"),
                rows);
    }

    static String participation(Participation.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Participation.IncidentTalk i : r.incidents()) {
            for (Participation.PersonTalk p : i.persons()) {
                rows.add(List.of(
                        i.reference(),
                        i.title(),
                        i.severity(),
                        i.declaredAt().toString(),
                        i.people(),
                        i.teams(),
                        i.watchers(),
                        p.name(),
                        p.role(),
                        p.messages(),
                        p.words(),
                        p.wordShare(),
                        p.watchedOnly()));
            }
        }
        return Csv.write(
                List.of(
                        "incident",
                        "title",
                        "severity",
                        "declared_at",
                        "people",
                        "teams",
                        "watchers",
                        "person",
                        "role",
                        "messages",
                        "words",
                        "word_share",
                        "watched_only"),
                rows);
    }

    static String cost(Cost.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Cost.IncidentCost i : r.incidents()) {
            var b = i.breakdown();
            rows.add(List.of(
                    i.reference(),
                    i.title(),
                    i.severity(),
                    i.declaredAt().toString(),
                    i.people(),
                    round(b.responseHours()),
                    round(b.nightHours()),
                    round(b.interruptedHours()),
                    round(b.reviewHours()),
                    Math.round(b.cost()),
                    r.model().currency()));
        }
        return Csv.write(
                List.of(
                        "incident",
                        "title",
                        "severity",
                        "declared_at",
                        "people",
                        "response_hours",
                        "night_hours",
                        "interrupted_hours",
                        "review_hours",
                        "cost",
                        "currency"),
                rows);
    }

    static String mttx(Mttx.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Mttx.Group g : r.groups()) {
            if (g.hidden()) {
                rows.add(List.of(g.group(), "hidden", "", "", "", ""));
                continue;
            }
            for (Mttx.Distribution d : g.metrics()) {
                rows.add(List.of(
                        g.group(), g.incidents(), d.metric(), d.count(), num(d.medianSeconds()), num(d.p90Seconds())));
            }
        }
        return Csv.write(List.of("group", "incidents", "metric", "measured", "median_seconds", "p90_seconds"), rows);
    }

    static String learning(Learning.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        List<Learning.Row> all = new ArrayList<>(r.months());
        all.add(r.total());
        for (Learning.Row m : all) {
            if (m.hidden()) {
                rows.add(List.of(m.period(), "hidden"));
                continue;
            }
            rows.add(List.of(
                    m.period(),
                    m.incidents(),
                    m.reviewsRequired(),
                    m.reviewsStarted(),
                    m.reviewsPublished(),
                    m.publishedRead(),
                    num(m.medianReaders()),
                    m.surveyInvited(),
                    m.surveyAnswered(),
                    dec(m.responseRate()),
                    m.scoresShown() ? dec(m.coordination()) : "no closed survey with 3 answers",
                    m.scoresShown() ? dec(m.communication()) : "",
                    m.scoresShown() ? dec(m.feelingDuring()) : "",
                    m.scoresShown() ? dec(m.feelingAfter()) : "",
                    m.scoresShown() ? dec(m.hours()) : "",
                    m.actionsProposed(),
                    m.actionsDecided(),
                    m.actionsToDo(),
                    m.actionsWontDo(),
                    m.actionsLater(),
                    m.actionsDone(),
                    m.actionsOverdue()));
        }
        return Csv.write(
                List.of(
                        "month",
                        "incidents_resolved",
                        "reviews_required",
                        "reviews_started",
                        "reviews_published",
                        "published_read",
                        "median_readers",
                        "survey_invited",
                        "survey_answered",
                        "response_rate",
                        "coordination",
                        "communication",
                        "feeling_during",
                        "feeling_after",
                        "hours",
                        "actions_proposed",
                        "actions_decided",
                        "actions_to_do",
                        "actions_wont_do",
                        "actions_later",
                        "actions_done",
                        "actions_overdue"),
                rows);
    }

    private static Object dec(Double value) {
        return value == null ? "" : value;
    }

    private static Object num(Long value) {
        return value == null ? "" : value;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
