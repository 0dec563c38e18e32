package dev.cairn.oncall.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The on-call pages through real HTTP: what a responder and a viewer see and can do. */
class SchedulePagesTest extends OnCallPagesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    @Test
    void theSchedulePageShowsWhoIsOnCallAndTheFinalShifts() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone bob = named("Bob", Role.RESPONDER);
        String name = unique("Payments primary");
        // Daily hand-offs at 09:00 New York; the rotation began on a day that makes Ada on call now.
        ZonedDateTime now = clock.instant().atZone(NEW_YORK);
        LocalDate today = now.toLocalTime().isBefore(LocalTime.of(9, 0))
                ? now.toLocalDate().minusDays(1)
                : now.toLocalDate();
        long id = createDaily(ada, name, today.minusDays(2), ada, bob);

        Browser browser = signedIn(bob);
        String page = ok(browser.get("/schedules/" + id));
        assertThat(onCallName(page)).isEqualTo(ada.name());
        assertThat(page).contains(name, "America/New_York", "from layer Primary");
        assertThat(count(page, "data-testid=\"timeline-row\""))
                .as("one layer and the final row")
                .isEqualTo(2);
        assertThat(page).contains(">Final<", "oc-block");

        ZonedDateTime handOff = today.atTime(9, 0).atZone(NEW_YORK);
        String bobsShift = "<span>" + SHOWN.format(handOff.plusDays(1)) + "</span>";
        assertThat(page)
                .as("Bob's next shift in the schedule's zone, with the instant for the reader's zone")
                .contains(bobsShift, "datetime=\"" + handOff.plusDays(1).toInstant() + "\" data-local=\"datetime\"");
        Matcher rows = Pattern.compile("data-testid=\"shift-name\">([^<]+)<").matcher(page);
        int shifts = 0;
        String previous = null;
        while (rows.find()) {
            assertThat(rows.group(1)).isIn(ada.name(), bob.name()).isNotEqualTo(previous);
            previous = rows.group(1);
            shifts++;
        }
        assertThat(shifts).as("daily shifts over 14 days").isBetween(14, 15);

        String list = ok(browser.get("/schedules"));
        assertThat(list).contains(name, "data-testid=\"new-schedule\"");
        assertThat(list.substring(list.indexOf(name))).contains("data-testid=\"on-call-now\"", ada.name());
        assertThat(ok(browser.get("/incidents"))).contains("href=\"/schedules\"", "bi-calendar-week");
        assertThat(ok(browser.get("/schedules/new")))
                .as("schedules are set up on a form that offers the people")
                .contains("data-testid=\"schedule-form\"", bob.name());
    }

    @Test
    void anOverrideAddedOnThePageChangesWhoIsOnCall() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone cleo = named("Cleo", Role.RESPONDER);
        long id = createDaily(
                ada,
                unique("Database"),
                clock.instant().atZone(NEW_YORK).toLocalDate().minusDays(3),
                ada);
        Instant inOneHour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant during = inOneHour.plus(Duration.ofHours(2));
        assertThat(onCall(ada, id, during)).isEqualTo(ada.id());

        Browser browser = signedIn(ada);
        assertThat(ok(browser.get("/schedules/" + id)))
                .contains("data-testid=\"override-form\"", "data-testid=\"no-overrides\"");
        HttpResponse<String> added = browser.postForm(
                "/schedules/" + id + "/overrides",
                Map.of(
                        "userId", String.valueOf(cleo.id()),
                        "replacesUserId", "",
                        "start", local(inOneHour),
                        "end", local(inOneHour.plus(Duration.ofHours(4)))),
                "/schedules/" + id);
        assertThat(location(added)).endsWith("/schedules/" + id + "#overrides");

        assertThat(onCall(ada, id, during))
                .as("the form's times are New York times")
                .isEqualTo(cleo.id());
        assertThat(onCall(ada, id, inOneHour.minusSeconds(1))).isEqualTo(ada.id());
        assertThat(onCall(ada, id, inOneHour.plus(Duration.ofHours(4)))).isEqualTo(ada.id());
        String page = ok(browser.get("/schedules/" + id));
        assertThat(page).contains("Override added.", "data-testid=\"override\"", "covering whoever is on");
        assertThat(page).containsPattern("data-testid=\"shift-name\">" + cleo.name() + "<");
        assertThat(page).contains("<span>" + SHOWN.format(inOneHour.atZone(NEW_YORK)) + "</span>");

        Matcher remove = Pattern.compile("action=\"(/schedules/" + id + "/overrides/\\d+/delete)\"")
                .matcher(page);
        assertThat(remove.find()).isTrue();
        assertThat(location(browser.postForm(remove.group(1), Map.of(), "/schedules/" + id)))
                .endsWith("/schedules/" + id + "#overrides");
        assertThat(onCall(ada, id, during)).isEqualTo(ada.id());
        assertThat(ok(browser.get("/schedules/" + id))).contains("Override removed.", "data-testid=\"no-overrides\"");
    }

    @Test
    void someoneCoversAnotherPersonsShiftWithOneClick() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone cleo = named("Cleo", Role.RESPONDER);
        long id = createDaily(
                ada,
                unique("Frontend"),
                clock.instant().atZone(NEW_YORK).toLocalDate().minusDays(3),
                ada);
        Browser browser = signedIn(cleo);
        String page = ok(browser.get("/schedules/" + id));
        Matcher cover = Pattern.compile(
                        "name=\"replacesUserId\" value=\"(\\d+)\">\\s*<input type=\"hidden\" name=\"start\" value=\"([^\"]+)\">"
                                + "\\s*<input type=\"hidden\" name=\"end\" value=\"([^\"]+)\">")
                .matcher(page);
        assertThat(cover.find())
                .as("each shift of someone else has an I'll cover button")
                .isTrue();
        assertThat(cover.group(1)).isEqualTo(String.valueOf(ada.id()));
        Instant start = Instant.parse(cover.group(2));
        Instant end = Instant.parse(cover.group(3));

        HttpResponse<String> covered = browser.postForm(
                "/schedules/" + id + "/cover",
                Map.of("replacesUserId", cover.group(1), "start", cover.group(2), "end", cover.group(3)),
                "/schedules/" + id);
        assertThat(location(covered)).endsWith("/schedules/" + id + "#overrides");
        Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
        assertThat(onCall(ada, id, middle)).isEqualTo(cleo.id());
        assertThat(onCall(ada, id, end)).isEqualTo(ada.id());
        assertThat(ok(browser.get("/schedules/" + id))).contains("You cover this shift now.");
        String adas = ok(signedIn(ada).get("/schedules/" + id));
        assertThat(adas)
                .as("Ada may take back the shift Cleo covers, and is not offered her own")
                .contains("name=\"replacesUserId\" value=\"" + cleo.id() + "\"")
                .doesNotContain("name=\"replacesUserId\" value=\"" + ada.id() + "\"");
    }

    @Test
    void aBadOverrideSaysWhyAndChangesNothing() {
        Someone ada = named("Ada", Role.RESPONDER);
        long id = createDaily(
                ada,
                unique("Search"),
                clock.instant().atZone(NEW_YORK).toLocalDate().minusDays(1),
                ada);
        Browser browser = signedIn(ada);
        Instant start = clock.instant().plus(Duration.ofHours(3));
        HttpResponse<String> refused = browser.postForm(
                "/schedules/" + id + "/overrides",
                Map.of(
                        "userId",
                        String.valueOf(ada.id()),
                        "start",
                        local(start),
                        "end",
                        local(start.minusSeconds(3600))),
                "/schedules/" + id);
        assertThat(location(refused)).endsWith("/schedules/" + id + "#overrides");
        assertThat(ok(browser.get("/schedules/" + id)))
                .contains("The override was not added", "must be after the start", "data-testid=\"no-overrides\"");
    }

    @Test
    void aViewerSeesTheScheduleButCannotOverride() {
        Someone ada = named("Ada", Role.RESPONDER);
        Someone viewer = named("Vera", Role.VIEWER);
        long id = createDaily(
                ada,
                unique("Edge"),
                clock.instant().atZone(NEW_YORK).toLocalDate().minusDays(1),
                ada);

        Browser browser = signedIn(viewer);
        String page = ok(browser.get("/schedules/" + id));
        assertThat(onCallName(page)).isEqualTo(ada.name());
        assertThat(page).doesNotContain("data-testid=\"override-form\"", "/overrides\"");
        assertThat(ok(browser.get("/schedules"))).doesNotContain("data-testid=\"new-schedule\"");

        Instant start = clock.instant().plus(Duration.ofHours(1));
        HttpResponse<String> refused = browser.postForm(
                "/schedules/" + id + "/overrides",
                Map.of(
                        "userId",
                        String.valueOf(viewer.id()),
                        "start",
                        local(start),
                        "end",
                        local(start.plus(Duration.ofHours(1)))),
                "/schedules/" + id);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(onCall(ada, id, start.plusSeconds(60))).isEqualTo(ada.id());
        assertThat(browser.get("/schedules/new").statusCode()).isEqualTo(403);
    }

    private long createDaily(Someone by, String name, LocalDate firstDay, Someone... people) {
        StringBuilder ids = new StringBuilder();
        for (Someone p : people) {
            ids.append(ids.isEmpty() ? "" : ",").append(p.id());
        }
        Instant start = firstDay.atTime(9, 0).atZone(NEW_YORK).toInstant();
        Api.Response created = by.api().post("/api/v1/schedules", """
                {"name":"%s","timeZone":"America/New_York","layers":[
                  {"name":"Primary","participants":[%s],"start":"%s","handoff":"09:00",
                   "rotation":{"unit":"DAYS","length":1}}]}""".formatted(name, ids, start));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static long onCall(Someone person, long id, Instant at) {
        Api.Response answer = person.api().get("/api/v1/schedules/" + id + "/on-call?at=" + at);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("userId").asLong();
    }

    private static String local(Instant instant) {
        return instant.atZone(NEW_YORK)
                .toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }
}
