package dev.cairn.oncall.web;

import static dev.cairn.support.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Calendar feeds by secret URL, read the way a calendar app reads them: no login, parsed by ical4j. */
class ScheduleFeedTest extends IntegrationTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern FEED_URL = Pattern.compile("value=\"([^\"]+)\" data-testid=\"feed-url\"");

    @Test
    void theFeedHoldsTheFinalShiftsOfAKnownRotation() throws Exception {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        String name = "Feeds " + UUID.randomUUID().toString().substring(0, 8);
        LocalDate firstDay = clock.instant().atZone(PARIS).toLocalDate().minusDays(2);
        ZonedDateTime firstHandOff = firstDay.atTime(9, 0).atZone(PARIS);
        Api.Response created =
                ada.api().post("/api/v1/schedules", """
                {"name":"%s","timeZone":"Europe/Paris","layers":[
                  {"name":"Primary","participants":[%d,%d],"start":"%s","handoff":"09:00",
                   "rotation":{"unit":"DAYS","length":1}}]}""".formatted(name, ada.id(), bob.id(), firstHandOff.toInstant()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        Browser browser = signedIn(ada);
        assertThat(ok(browser.get("/schedules/" + id))).contains("Get calendar link");
        String url = feedUrl(browser.postForm("/schedules/" + id + "/calendar-link", Map.of(), "/schedules/" + id));
        assertThat(url)
                .startsWith("http://localhost:" + port + "/calendar/schedules/")
                .endsWith(".ics");

        Api.Response feed = anonymous().get(path(url));
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        MediaType type = MediaType.parseMediaType(feed.header("Content-Type"));
        assertThat(type.getType() + "/" + type.getSubtype()).isEqualTo("text/calendar");
        assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");

        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(60));
        List<String[]> expected = new ArrayList<>();
        for (int k = 0; firstHandOff.plusDays(k).toInstant().isBefore(end); k++) {
            Instant start = firstHandOff.plusDays(k).toInstant();
            Instant next = firstHandOff.plusDays(k + 1).toInstant();
            Instant until = next.isBefore(end) ? next : end;
            expected.add(new String[] {
                utc(start),
                utc(until),
                id + "-" + (k % 2 == 0 ? ada.id() : bob.id()) + "-" + start.getEpochSecond() + "@cairn"
            });
        }
        assertThat(events).hasSize(expected.size());
        for (int i = 0; i < events.size(); i++) {
            VEvent event = events.get(i);
            assertThat(value(event, Property.DTSTART))
                    .as("DTSTART of shift " + i)
                    .isEqualTo(expected.get(i)[0]);
            assertThat(value(event, Property.DTEND)).as("DTEND of shift " + i).isEqualTo(expected.get(i)[1]);
            assertThat(value(event, Property.UID)).isEqualTo(expected.get(i)[2]);
            assertThat(value(event, Property.SUMMARY)).isEqualTo("On call: Test responder (" + name + ")");
        }
        // The feed is in UTC; the first shift still starts at 09:00 on Paris's clock, whichever
        // side of a DST change the shared test clock is on (08:00Z in winter, 07:00Z in summer).
        Instant firstStart = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
                .parse(value(events.getFirst(), Property.DTSTART), Instant::from);
        assertThat(firstStart.atZone(PARIS).toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));
        assertThat(value(events.getFirst(), Property.DTSTART))
                .endsWith(PARIS.getRules().isDaylightSavings(firstStart) ? "T070000Z" : "T080000Z");
        assertThat(new HashSet<>(
                        events.stream().map(e -> value(e, Property.UID)).toList()))
                .hasSize(events.size());

        // A stable UID lets calendar apps update the event in place when an override changes it.
        Api.Response again = anonymous().get(path(url));
        assertThat(again.body()).contains(expected.get(3)[2]);
    }

    @Test
    void unknownTokensAreNotFoundAndARotatedLinkStopsWorking() {
        Person ada = person(Role.RESPONDER);
        long id = ada.api()
                .post("/api/v1/schedules", """
                        {"name":"Rotate %s","timeZone":"UTC","layers":[
                          {"name":"L","participants":[%d],"start":"2026-01-05T00:00:00Z","handoff":"00:00",
                           "rotation":{"unit":"WEEKS","length":1}}]}""".formatted(UUID.randomUUID(), ada.id()))
                .json()
                .get("id")
                .asLong();
        assertThat(anonymous()
                        .get("/calendar/schedules/not-a-real-token-0123456789.ics")
                        .status())
                .isEqualTo(404);

        Browser browser = signedIn(ada);
        String first = feedUrl(browser.postForm("/schedules/" + id + "/calendar-link", Map.of(), "/schedules/" + id));
        assertThat(anonymous().get(path(first)).status()).isEqualTo(200);
        assertThat(ok(browser.get("/schedules/" + id)))
                .contains("Get a new calendar link")
                .doesNotContain(path(first));

        HttpResponse<String> rotated =
                browser.postForm("/schedules/" + id + "/calendar-link", Map.of(), "/schedules/" + id);
        assertThat(rotated.body()).contains("The previous link has stopped working");
        String second = feedUrl(rotated);
        assertThat(second).isNotEqualTo(first);
        assertThat(anonymous().get(path(first)).status()).isEqualTo(404);
        assertThat(anonymous().get(path(second)).status()).isEqualTo(200);

        Person viewer = person(Role.VIEWER);
        Browser viewing = signedIn(viewer);
        assertThat(ok(viewing.get("/schedules/" + id))).doesNotContain("data-testid=\"calendar-link\"");
        assertThat(viewing.postForm("/schedules/" + id + "/calendar-link", Map.of(), "/schedules/" + id)
                        .statusCode())
                .isEqualTo(403);
        assertThat(anonymous().get(path(second)).status())
                .as("the viewer's refused try changed nothing")
                .isEqualTo(200);
    }

    @Test
    void aPersonsFeedHoldsOnlyTheirShiftsInEverySchedule() throws Exception {
        Person ada = person(Role.RESPONDER);
        Person bob = person(Role.RESPONDER);
        String start = clock.instant()
                .truncatedTo(ChronoUnit.DAYS)
                .minus(Duration.ofDays(3))
                .toString();
        long shared = create(ada, "Shared", start, "DAYS", ada, bob);
        long alone = create(ada, "Alone", start, "WEEKS", ada);
        long others = create(ada, "Others", start, "DAYS", bob);

        Browser browser = signedIn(ada);
        assertThat(ok(browser.get("/schedules"))).contains("Get my calendar link");
        String url = feedUrl(browser.postForm("/schedules/my-calendar-link", Map.of(), "/schedules"));
        assertThat(path(url)).startsWith("/calendar/people/");
        assertThat(ok(browser.get("/schedules"))).contains("Get a new link");

        Api.Response feed = anonymous().get(path(url));
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        List<VEvent> events =
                new CalendarBuilder().build(new StringReader(feed.body())).getComponents("VEVENT");
        List<String> uids = events.stream().map(e -> value(e, Property.UID)).toList();
        assertThat(uids).allMatch(uid -> uid.contains("-" + ada.id() + "-"), "only Ada's shifts");
        assertThat(uids).anyMatch(uid -> uid.startsWith(shared + "-")).anyMatch(uid -> uid.startsWith(alone + "-"));
        assertThat(uids).noneMatch(uid -> uid.startsWith(others + "-"));
        assertThat(events.stream().map(e -> value(e, Property.DTSTART)).toList())
                .as("in time order")
                .isSorted();

        String second = feedUrl(browser.postForm("/schedules/my-calendar-link", Map.of(), "/schedules"));
        assertThat(anonymous().get(path(url)).status()).isEqualTo(404);
        assertThat(anonymous().get(path(second)).status()).isEqualTo(200);
        assertThat(anonymous()
                        .get("/calendar/people/not-a-real-token-0123456789.ics")
                        .status())
                .isEqualTo(404);
    }

    private static long create(Person by, String name, String start, String unit, Person... people) {
        String ids = java.util.Arrays.stream(people)
                .map(p -> String.valueOf(p.id()))
                .collect(java.util.stream.Collectors.joining(","));
        Api.Response created =
                by.api().post("/api/v1/schedules", """
                {"name":"%s %s","timeZone":"UTC","layers":[
                  {"name":"L","participants":[%s],"start":"%s","handoff":"00:00",
                   "rotation":{"unit":"%s","length":1}}]}""".formatted(name, UUID.randomUUID(), ids, start, unit));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static String value(VEvent event, String property) {
        return event.<Property>getProperty(property).orElseThrow().getValue();
    }

    private static String utc(Instant instant) {
        return ICAL_UTC.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String feedUrl(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher url = FEED_URL.matcher(response.body());
        assertThat(url.find()).as("feed URL on the page").isTrue();
        return url.group(1);
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/calendar/"));
    }

    private Api anonymous() {
        return new Api("http://localhost:" + port, null);
    }

    private Browser signedIn(Person person) {
        Browser browser = new Browser(port);
        assertThat(location(browser.signIn(person.email(), person.password()))).endsWith("/incidents");
        return browser;
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
