package dev.cairn.statuspage.web;

import dev.cairn.notification.Notifications;
import dev.cairn.shared.CursorPage;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.statuspage.Impact;
import dev.cairn.statuspage.Maintenance;
import dev.cairn.statuspage.PublicView;
import dev.cairn.statuspage.StatusIncident;
import dev.cairn.statuspage.Uptime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

/** Renders a {@link PublicView} into the page, the JSON summary and the feeds, once per snapshot. */
@Component
class PublicRenderer {

    static final int HISTORY_ON_PAGE = 10;
    static final int HISTORY_PAGE = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ITemplateEngine templates;
    private final Notifications notifications;

    PublicRenderer(ITemplateEngine templates, Notifications notifications) {
        this.templates = templates;
        this.notifications = notifications;
    }

    /** Helpers for the templates (the snapshot is rendered outside a request). */
    public static final class Fmt {
        public String utc(Instant at) {
            return at == null ? "" : UTC.format(at);
        }

        public String iso(Instant at) {
            return at == null ? "" : at.toString();
        }

        public String tone(Impact impact) {
            return switch (impact) {
                case OPERATIONAL -> "success";
                case DEGRADED -> "warning";
                case PARTIAL_OUTAGE -> "orange";
                case MAJOR_OUTAGE -> "danger";
            };
        }

        public String statusTone(String status) {
            return switch (status) {
                case "resolved" -> "success";
                case "monitoring" -> "info";
                default -> "warning";
            };
        }
    }

    Snapshot render(PublicView view) {
        List<StatusIncident> first =
                view.history().stream().limit(HISTORY_ON_PAGE).toList();
        Context context = context(view);
        context.setVariable("recent", first);
        context.setVariable("moreHistory", view.history().size() > HISTORY_ON_PAGE);
        String html = templates.process("statuspage/public", context);
        return new Snapshot(
                view,
                Snapshot.Body.of(html, 200),
                Snapshot.Body.of(JSON.writeValueAsString(summary(view)), 200),
                Snapshot.Body.of(Feeds.atom(view, notifications::absolute), 200),
                Snapshot.Body.of(Feeds.rss(view, notifications::absolute), 200));
    }

    /** One page of the incident history, from the snapshot: {@code cursor} continues below an id. */
    Snapshot.Body history(Snapshot snapshot, String cursor) {
        long below = CursorPage.decode(cursor);
        List<StatusIncident> all = snapshot.view().history();
        if (below != Long.MAX_VALUE && all.stream().noneMatch(i -> i.id() == below)) {
            throw new InvalidInputException("cursor", "is not a cursor this page gave out");
        }
        return snapshot.extra("history:" + below, () -> {
            List<StatusIncident> rows = all.stream()
                    .filter(i -> i.id() < below)
                    .limit(HISTORY_PAGE + 1L)
                    .toList();
            CursorPage<StatusIncident> page = CursorPage.of(rows, HISTORY_PAGE, StatusIncident::id);
            Context context = context(snapshot.view());
            context.setVariable("page", page);
            context.setVariable("first", below == Long.MAX_VALUE);
            return Snapshot.Body.of(templates.process("statuspage/history", context), 200);
        });
    }

    /** One published incident with all its updates, or a 404 page. */
    Snapshot.Body incident(Snapshot snapshot, long id) {
        StatusIncident found = snapshot.view().history().stream()
                .filter(i -> i.id() == id)
                .findFirst()
                .orElse(null);
        if (found == null) {
            return snapshot.extra("missing", () -> {
                Context context = context(snapshot.view());
                return Snapshot.Body.of(templates.process("statuspage/missing", context), 404);
            });
        }
        return snapshot.extra("incident:" + id, () -> {
            Context context = context(snapshot.view());
            context.setVariable("i", found);
            return Snapshot.Body.of(templates.process("statuspage/incident", context), 200);
        });
    }

    private Context context(PublicView view) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("view", view);
        context.setVariable("fmt", new Fmt());
        context.setVariable("formula", Uptime.FORMULA);
        return context;
    }

    private Map<String, Object> summary(PublicView view) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("name", view.name());
        page.put("description", view.description());
        page.put("url", notifications.absolute("/status"));
        page.put("updatedAt", view.builtAt().toString());
        out.put("page", page);
        out.put(
                "status",
                Map.of(
                        "indicator",
                        view.overall().json(),
                        "description",
                        view.overall().label()));
        List<Map<String, Object>> components = new ArrayList<>();
        for (PublicView.ComponentStatus c : view.components()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("description", c.description());
            m.put("group", c.group());
            m.put("status", c.status());
            m.put("uptime90d", Math.floor(c.uptime().uptime() * 10000) / 100);
            components.add(m);
        }
        out.put("components", components);
        List<Map<String, Object>> incidents = new ArrayList<>();
        for (StatusIncident i : view.active()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("title", i.title());
            m.put("status", i.status().json());
            m.put("startedAt", i.startedAt().toString());
            m.put("url", notifications.absolute("/status/incidents/" + i.id()));
            m.put("components", impacts(view, i.latest()));
            List<Map<String, Object>> updates = new ArrayList<>();
            for (StatusIncident.Update u : i.updates()) {
                Map<String, Object> um = new LinkedHashMap<>();
                um.put("id", u.id());
                um.put("status", u.status().json());
                um.put("message", u.message());
                um.put("at", u.at().toString());
                updates.add(um);
            }
            m.put("updates", updates);
            incidents.add(m);
        }
        out.put("incidents", incidents);
        List<Map<String, Object>> maintenances = new ArrayList<>();
        List<Maintenance> windows = new ArrayList<>(view.inProgress());
        windows.addAll(view.upcoming());
        for (Maintenance w : windows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", w.id());
            m.put("title", w.title());
            m.put("description", w.description());
            m.put("state", view.inProgress().contains(w) ? "in_progress" : "scheduled");
            m.put("startsAt", w.startsAt().toString());
            m.put("endsAt", w.endsAt().toString());
            m.put(
                    "components",
                    w.componentIds().stream()
                            .filter(view.componentNames()::containsKey)
                            .map(id -> Map.of(
                                    "id", id, "name", view.componentNames().get(id)))
                            .toList());
            maintenances.add(m);
        }
        out.put("maintenances", maintenances);
        return out;
    }

    private static List<Map<String, Object>> impacts(PublicView view, StatusIncident.Update update) {
        List<Map<String, Object>> out = new ArrayList<>();
        view.componentNames().forEach((id, name) -> {
            Impact impact = update.impacts().get(id);
            if (impact != null) {
                out.add(Map.of("id", id, "name", name, "impact", impact.json()));
            }
        });
        return out;
    }
}
