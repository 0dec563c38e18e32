package dev.cairn.oncall.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Browser;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Setting up on-call on the web: the schedule editor through real HTTP, as a responder and a viewer. */
class ScheduleEditorTest extends OnCallPagesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Saturday 23:30 in New York, inside the weekend-night windows; Monday is the start of that week. */
    private ZonedDateTime saturdayNight;

    private LocalDate monday;

    @BeforeEach
    void saturdayNight() {
        LocalDate saturday = LocalDate.now(NEW_YORK).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        saturdayNight = saturday.atTime(23, 30).atZone(NEW_YORK);
        monday = saturday.minusDays(5);
        clock.set(saturdayNight.toInstant());
    }

    @Test
    void aScheduleWithTwoLayersIsSetUpOnTheFormAndShowsWhoIsOnCall() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone bob = named("Bob", Role.RESPONDER);
        Someone cleo = named("Cleo", Role.RESPONDER);
        Someone dan = named("Dan", Role.RESPONDER);
        Browser browser = signedIn(ada);

        assertThat(ok(browser.get("/schedules"))).contains("href=\"/schedules/new\"");
        String blank = ok(browser.get("/schedules/new"));
        assertThat(blank)
                .contains("data-testid=\"schedule-form\"", "A later layer wins wherever it has someone on")
                .as("the time zone defaults to the author's own")
                .contains("name=\"timeZone\" list=\"zones\"", "value=\"Europe/Paris\"");
        assertThat(selected(blank, "layer0.participant0"))
                .as("the author is first")
                .isEqualTo(ada.id());

        String name = unique("Payments primary");
        Map<String, String> form = weekly(name, ada, bob);
        String added = ok(browser.postForm("/schedules/new", with(form, "action", "add-layer"), "/schedules/new"));
        assertThat(count(added, "data-testid=\"layer-form\"")).isEqualTo(2);
        assertThat(added).as("what was typed stays").contains("value=\"" + name + "\"");
        form.putAll(layer(1, "Weekend nights", "DAYS", cleo, dan));
        String windowed =
                ok(browser.postForm("/schedules/new", with(form, "action", "add-window:1"), "/schedules/new"));
        assertThat(count(windowed, "data-testid=\"window\"")).isEqualTo(1);
        form.putAll(window(1, 0, "SATURDAY", "22:00", "08:00"));
        form.putAll(window(1, 1, "SUNDAY", "22:00", "08:00"));

        HttpResponse<String> saved = browser.postForm("/schedules/new", with(form, "action", "save"), "/schedules/new");
        assertThat(location(saved)).matches(".*/schedules/\\d+$");
        String path = location(saved).replaceFirst("^https?://[^/]+", "");
        String page = ok(browser.get(path));
        assertThat(page).contains("Schedule saved.", name, "America/New_York");
        // Weekend nights rotates daily from Monday 09:00: Cleo, Dan, …; Saturday's shift (the sixth) is Dan's.
        assertThat(onCallName(page)).isEqualTo(dan.name());
        assertThat(page).contains("from layer Weekend nights");
        assertThat(count(page, "data-testid=\"layer\"")).isEqualTo(2);
        assertThat(page)
                .contains(
                        ada.name() + "</span><span> → </span>",
                        "Sat 22:00–08:00",
                        "Sun 22:00–08:00",
                        "every <span>week</span>")
                .contains("data-testid=\"edit-schedule\"");
        assertThat(count(page, "data-testid=\"timeline-row\"")).isEqualTo(3);

        clock.set(saturdayNight.plusHours(12).toInstant());
        assertThat(onCallName(ok(browser.get(path))))
                .as("outside the windows the weekly layer has Ada")
                .isEqualTo(ada.name());
    }

    @Test
    void editingReordersPeopleAndChangesTheRotation() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone bob = named("Bob", Role.RESPONDER);
        Browser browser = signedIn(ada);
        String name = unique("Database");
        String path = location(browser.postForm("/schedules/new", weekly(name, ada, bob), "/schedules/new"))
                .replaceFirst("^https?://[^/]+", "");
        assertThat(onCallName(ok(browser.get(path)))).isEqualTo(ada.name());

        String edit = ok(browser.get(path + "/edit"));
        assertThat(edit)
                .contains("value=\"" + name + "\"", "value=\"America/New_York\"", "value=\"" + monday + "T09:00\"")
                .contains("data-testid=\"delete-schedule\"");
        assertThat(selected(edit, "layer0.participant0")).isEqualTo(ada.id());
        assertThat(selected(edit, "layer0.participant1")).isEqualTo(bob.id());

        Map<String, String> form = weekly(name, ada, bob);
        String moved = ok(browser.postForm(path + "/edit", with(form, "action", "down:0:0"), path + "/edit"));
        assertThat(selected(moved, "layer0.participant0")).isEqualTo(bob.id());
        assertThat(selected(moved, "layer0.participant1")).isEqualTo(ada.id());
        assertThat(moved).as("nothing is saved by moving").doesNotContain("Schedule saved.");
        assertThat(onCallName(ok(browser.get(path)))).isEqualTo(ada.name());

        form = weekly(name, bob, ada);
        form.put("layer0.unit", "DAYS");
        HttpResponse<String> saved = browser.postForm(path + "/edit", with(form, "action", "save"), path + "/edit");
        assertThat(location(saved)).endsWith(path);
        String page = ok(browser.get(path));
        // Daily from Monday 09:00 with Bob first: Bob, Ada, Bob, Ada, Bob, Ada (Saturday).
        assertThat(page).contains("Schedule saved.", "every <span>day</span>", bob.name() + "</span><span> → </span>");
        assertThat(onCallName(page)).isEqualTo(ada.name());
        clock.set(saturdayNight.plusHours(10).toInstant());
        assertThat(onCallName(ok(browser.get(path)))).isEqualTo(bob.name());
    }

    @Test
    void wrongInputIsRefusedWithTheFieldNamedAndTheTypingKept() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone bob = named("Bob", Role.RESPONDER);
        Browser browser = signedIn(ada);
        String name = unique("Typed");

        Map<String, String> nobody = weekly(name, ada);
        nobody.put("layer0.participant0", "");
        String refused = refused(browser.postForm("/schedules/new", nobody, "/schedules/new"));
        assertThat(refused)
                .contains("data-testid=\"form-errors\"", "Layer 1: participants must name at least one person")
                .contains("value=\"" + name + "\"", "value=\"" + monday + "T09:00\"");

        Map<String, String> badZone = weekly(name, ada);
        badZone.put("timeZone", "Mars/Olympus_Mons");
        assertThat(refused(browser.postForm("/schedules/new", badZone, "/schedules/new")))
                .contains("Time zone must be a time zone such as Europe/Paris", "value=\"Mars/Olympus_Mons\"")
                .contains("is-invalid");

        Map<String, String> noEnd = weekly(name, ada);
        noEnd.putAll(layer(1, "Nights", "DAYS", bob));
        noEnd.putAll(window(1, 0, "FRIDAY", "22:00", ""));
        String missing = refused(browser.postForm("/schedules/new", noEnd, "/schedules/new"));
        assertThat(missing)
                .contains("Layer 2, window 1: end is required", "value=\"Nights\"", "value=\"22:00\"")
                .contains("<option value=\"FRIDAY\" selected=\"selected\">Friday</option>");
        assertThat(selected(missing, "layer1.participant0")).isEqualTo(bob.id());

        assertThat(ok(browser.get("/schedules"))).as("nothing was saved").doesNotContain(name);

        String path = location(browser.postForm("/schedules/new", weekly(name, ada), "/schedules/new"));
        assertThat(path).matches(".*/schedules/\\d+$");
        assertThat(refused(browser.postForm("/schedules/new", weekly(name, bob), "/schedules/new")))
                .contains("A schedule named " + name + " already exists");
    }

    @Test
    void thePreviewShowsTheUnsavedTimeline() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone bob = named("Bob", Role.RESPONDER);
        Browser browser = signedIn(ada);
        String name = unique("Preview");
        Map<String, String> form = weekly(name, bob, ada);
        String preview = ok(browser.postForm("/schedules/new", with(form, "action", "preview"), "/schedules/new"));
        assertThat(preview)
                .contains("data-testid=\"preview\"", "data-testid=\"preview-on-call\">" + bob.name() + "<")
                .contains("value=\"" + name + "\"");
        assertThat(count(preview, "data-testid=\"timeline-row\"")).isEqualTo(2);
        assertThat(ok(browser.get("/schedules"))).doesNotContain(name);
    }

    @Test
    void aViewerCannotOpenOrSubmitTheEditor() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone vera = named("Vera", Role.VIEWER);
        String name = unique("Edge");
        String path = location(signedIn(ada).postForm("/schedules/new", weekly(name, ada), "/schedules/new"))
                .replaceFirst("^https?://[^/]+", "");

        Browser viewer = signedIn(vera);
        assertThat(ok(viewer.get(path))).doesNotContain("data-testid=\"edit-schedule\"");
        assertThat(viewer.get("/schedules/new").statusCode()).isEqualTo(403);
        assertThat(viewer.get(path + "/edit").statusCode()).isEqualTo(403);
        assertThat(viewer.get(path + "/delete").statusCode()).isEqualTo(403);
        assertThat(viewer.postForm("/schedules/new", weekly(unique("Sneaky"), vera), "/schedules")
                        .statusCode())
                .isEqualTo(403);
        Map<String, String> renamed = weekly(name + " renamed", vera);
        assertThat(viewer.postForm(path + "/edit", renamed, "/schedules").statusCode())
                .isEqualTo(403);
        assertThat(viewer.postForm(path + "/delete", Map.of(), "/schedules").statusCode())
                .isEqualTo(403);
        String page = ok(viewer.get(path));
        assertThat(onCallName(page)).isEqualTo(ada.name());
        assertThat(page).contains(name).doesNotContain("renamed");
    }

    @Test
    void deletingAsksFirstThenTheScheduleIsGone() {
        Someone ada = named("Ada", Role.RESPONDER);
        Browser browser = signedIn(ada);
        String name = unique("Short-lived");
        String path = location(browser.postForm("/schedules/new", weekly(name, ada), "/schedules/new"))
                .replaceFirst("^https?://[^/]+", "");
        assertThat(ok(browser.get(path + "/edit"))).contains("href=\"" + path + "/delete\"");
        assertThat(ok(browser.get(path + "/delete")))
                .contains("Delete " + "<span>" + name, "data-testid=\"delete-form\"");
        assertThat(ok(browser.get("/schedules"))).as("asking deletes nothing").contains(name);

        HttpResponse<String> deleted = browser.postForm(path + "/delete", Map.of(), path + "/delete");
        assertThat(location(deleted)).endsWith("/schedules");
        String list = ok(browser.get("/schedules"));
        assertThat(list).contains("Schedule " + name + " deleted.");
        assertThat(list.replace("Schedule " + name + " deleted.", "")).doesNotContain(name);
        assertThat(browser.get(path).statusCode()).isEqualTo(404);
    }

    /** The form as a browser sends it: one weekly layer from Monday 09:00 New York. */
    private Map<String, String> weekly(String name, Someone... people) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("timeZone", "America/New_York");
        form.put("teamId", "");
        form.putAll(layer(0, "Weekly", "WEEKS", people));
        return form;
    }

    private Map<String, String> layer(int index, String name, String unit, Someone... people) {
        Map<String, String> layer = new LinkedHashMap<>();
        String p = "layer" + index + ".";
        layer.put(p + "name", name);
        for (int j = 0; j < people.length; j++) {
            layer.put(p + "participant" + j, String.valueOf(people[j].id()));
        }
        layer.put(p + "start", monday + "T09:00");
        layer.put(p + "handoff", "09:00");
        layer.put(p + "length", "1");
        layer.put(p + "unit", unit);
        return layer;
    }

    private static Map<String, String> window(int layer, int index, String day, String start, String end) {
        String w = "layer" + layer + ".window" + index + ".";
        return Map.of(w + "day", day, w + "start", start, w + "end", end);
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    /** The person selected in a participant select of the page. */
    private static long selected(String page, String name) {
        int at = page.indexOf("name=\"" + name + "\"");
        assertThat(at).as("select " + name).isPositive();
        String select = page.substring(at, page.indexOf("</select>", at));
        Matcher option = Pattern.compile("<option value=\"(\\d+)\" selected=\"selected\"")
                .matcher(select);
        assertThat(option.find()).as("a person selected in " + name).isTrue();
        return Long.parseLong(option.group(1));
    }

    private static String refused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return response.body();
    }
}
