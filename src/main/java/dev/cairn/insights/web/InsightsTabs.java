package dev.cairn.insights.web;

import dev.cairn.catalog.Services;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Teams;
import dev.cairn.incident.Severities;
import dev.cairn.insights.InsightsFilter;
import dev.cairn.insights.Privacy;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What every insights tab does first: check the reader, read the filter and fill the filter form. */
@Component
class InsightsTabs {

    private final Params params;
    private final Teams teams;
    private final Services services;
    private final Severities severities;

    InsightsTabs(Params params, Teams teams, Services services, Severities severities) {
        this.params = params;
        this.teams = teams;
        this.services = services;
        this.severities = severities;
    }

    Actor reader() {
        Actor actor = Actors.current().orElseThrow();
        Params.requireReader(actor);
        return actor;
    }

    InsightsFilter prepare(InsightsQuery q, String tab, Model model) {
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
}
