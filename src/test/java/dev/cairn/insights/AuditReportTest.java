package dev.cairn.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.action.ActionItems;
import dev.cairn.action.ChangeAction;
import dev.cairn.action.ProposeAction;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.identity.TokenScope;
import dev.cairn.review.ReviewSections;
import dev.cairn.review.ReviewState;
import dev.cairn.review.ReviewWorkflow;
import dev.cairn.review.Reviews;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The auditor's report: CSV and PDF of every incident in a period, for admins only. */
class AuditReportTest extends IntegrationTest {

    @Autowired
    Reviews reviews;

    @Autowired
    ReviewWorkflow workflow;

    @Autowired
    ActionItems actions;

    private Actor actor(Person p) {
        var user = users.get(p.id());
        return new Actor(user.id(), user.email(), user.name(), user.role(), null);
    }

    @Test
    void csvListsEveryIncidentOfThePeriodPrivateAndDrillsIncludedWithCorrectEscaping() {
        Person ada = person(Role.RESPONDER);
        Person boss = person(Role.ADMIN);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        long tricky = declare(ada, "Disk full, \"again\" " + tag, "SEV2", "default");
        long formula = declare(ada, "=HYPERLINK(\"http://evil\") " + tag, "SEV3", "default");
        long secret = declare(ada, "Secret " + tag, "SEV1", "private");
        long drill = declare(ada, "Game day " + tag, "SEV4", "drill");
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Actor adaActor = actor(ada);
        reviews.update(formula, new ReviewSections("Story", null, "Learned", null, null, null), adaActor);
        workflow.move(formula, ReviewState.IN_REVIEW, adaActor);
        workflow.publish(formula, adaActor);
        String due = day.plusDays(30).toString();
        long one = actions.propose(formula, new ProposeAction("One", null), adaActor)
                .id();
        actions.change(formula, one, ChangeAction.decide("do", null, ada.id(), due, null), adaActor);
        actions.change(formula, one, ChangeAction.done(true), adaActor);
        long two = actions.propose(formula, new ProposeAction("Two", null), adaActor)
                .id();
        actions.change(formula, two, ChangeAction.decide("do", null, ada.id(), due, null), adaActor);
        long three = actions.propose(formula, new ProposeAction("Three", null), adaActor)
                .id();
        actions.change(formula, three, ChangeAction.decide("wont_do", "not worth it", null, null, null), adaActor);
        reviews.update(tricky, new ReviewSections("Draft", null, null, null, null, null), adaActor);
        workflow.move(tricky, ReviewState.IN_REVIEW, adaActor);
        actions.propose(tricky, new ProposeAction("Maybe", null), adaActor);
        clock.advance(Duration.ofDays(3));
        long later = declare(ada, "Later " + tag, "SEV3", "default");

        Response csv = boss.api().get("/api/v1/insights/audit?from=" + day + "&to=" + day + "&format=csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("cairn-audit-" + day + "-to-" + day + ".csv");
        List<List<String>> rows = parse(csv.body());
        assertThat(rows.getFirst())
                .containsExactly(
                        "reference",
                        "title",
                        "severity",
                        "type",
                        "drill",
                        "private",
                        "status",
                        "services",
                        "commander",
                        "impact_started_at",
                        "detected_at",
                        "declared_at",
                        "acknowledged_at",
                        "mitigated_at",
                        "resolved_at",
                        "closed_at",
                        "review_state",
                        "action_items");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(18));
        assertThat(row(rows, tricky))
                .containsSequence("Disk full, \"again\" " + tag, "SEV2", "default", "no", "no", "investigating");
        assertThat(row(rows, formula).get(1)).isEqualTo("'=HYPERLINK(\"http://evil\") " + tag);
        assertThat(row(rows, secret))
                .as("private incidents are in the auditor's report")
                .containsSequence("private", "no", "yes");
        assertThat(row(rows, drill)).containsSequence("drill", "yes", "no");
        assertThat(row(rows, drill).get(11)).isNotEmpty().startsWith(day.toString());
        assertThat(row(rows, formula).subList(16, 18))
                .containsExactly("published " + day + " (light review)", "3: 2 do (1 done), 1 won't do");
        assertThat(row(rows, tricky).subList(16, 18)).containsExactly("in review (full review)", "1: 1 undecided");
        assertThat(row(rows, drill).subList(16, 18)).containsExactly("not started (required)", "none");
        assertThat(row(rows, secret).get(16)).isEqualTo("not started (required)");
        assertThat(rows).noneMatch(r -> r.getFirst().equals("INC-" + later));
        assertThat(csv.body()).contains("\r\n");

        Response laterOnly =
                boss.api().get("/api/v1/insights/audit?from=" + day.plusDays(3) + "&to=" + day.plusDays(3));
        assertThat(laterOnly.status()).isEqualTo(200);
        assertThat(parse(laterOnly.body()))
                .anyMatch(r -> r.getFirst().equals("INC-" + later))
                .noneMatch(r -> r.getFirst().equals("INC-" + tricky));

        Response log = boss.api().get("/api/v1/audit?action=insights.audit_exported");
        assertThat(log.body()).contains("format=csv from=" + day + "T00:00:00Z");
    }

    @Test
    void pdfIsAValidPdfWithTheProcessAndTheIncidents() throws IOException {
        Person ada = person(Role.RESPONDER);
        Person boss = person(Role.ADMIN);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        clock.advance(Duration.ofDays(1));
        long real = declare(ada, "Checkout down " + tag, "SEV1", "default");
        long drill = declare(ada, "Game day " + tag, "SEV4", "drill");
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        HttpResponse<byte[]> pdf =
                bytes(boss.token(), "/api/v1/insights/audit?from=" + day + "&to=" + day + "&format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Incident programme evidence", "INC-" + real, "INC-" + drill, "DRILL", "SEV1", "Critical")
                    .contains("Incident commander", "not started (required)")
                    .contains("SEV1: full review, required before closing")
                    .contains("SEV4: optional review, not required")
                    .contains("drills and game days: game-day");
        }
    }

    @Test
    void onlyAdminsGetTheReportOnTheApiAndThePage() {
        Person ada = person(Role.RESPONDER);
        Person viewer = person(Role.VIEWER);
        Person boss = person(Role.ADMIN);
        Person readOnlyBoss = person(Role.ADMIN, TokenScope.READ);
        long secret = declare(ada, "Hidden " + UUID.randomUUID(), "SEV2", "private");

        assertThat(ada.api().get("/api/v1/insights/audit").status()).isEqualTo(403);
        assertThat(viewer.api().get("/api/v1/insights/audit?format=pdf").status())
                .isEqualTo(403);
        assertThat(api(null).get("/api/v1/insights/audit").status()).isEqualTo(401);
        assertThat(readOnlyBoss.api().get("/api/v1/insights/audit").status()).isEqualTo(200);

        Browser responder = new Browser(port);
        responder.signIn(ada.email(), ada.password());
        assertThat(responder.get("/insights/audit").statusCode()).isEqualTo(403);
        assertThat(responder.get("/insights/audit/report?format=csv").statusCode())
                .isEqualTo(403);

        Browser admin = new Browser(port);
        admin.signIn(boss.email(), boss.password());
        var page = admin.get("/insights/audit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Audit evidence", "private incidents included", "INC-" + secret, "SEV1 · Critical")
                .contains("/insights/audit/report?from=")
                .contains("Action items", "not started (required)", "SEV3: light review, required before closing");
        var download = admin.get("/insights/audit/report?format=csv");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).startsWith("reference,title,").contains("INC-" + secret);
    }

    @Test
    void badParametersAreA400NamingTheField() {
        Person boss = person(Role.ADMIN);
        Response format = boss.api().get("/api/v1/insights/audit?format=xlsx");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.body()).contains("format", "csv, pdf");
        Response from = boss.api().get("/api/v1/insights/audit?from=last-tuesday");
        assertThat(from.status()).isEqualTo(400);
        assertThat(from.body()).contains("from", "2026-01-31");
        Response order = boss.api().get("/api/v1/insights/audit?from=2026-03-01&to=2026-02-01");
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.body()).contains("must be after from");

        Browser admin = new Browser(port);
        admin.signIn(boss.email(), boss.password());
        var page = admin.get("/insights/audit?from=nonsense");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("The period&#39;s from must be a date");
    }

    private static long declare(Person who, String title, String severity, String type) {
        Response declared = who.api()
                .post(
                        "/api/v1/incidents",
                        "{\"title\":" + dev.cairn.support.Api.JSON.writeValueAsString(title) + ",\"severity\":\""
                                + severity + "\",\"type\":\"" + type + "\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        return declared.json().get("id").asLong();
    }

    private static List<String> row(List<List<String>> rows, long id) {
        return rows.stream()
                .filter(r -> r.getFirst().equals("INC-" + id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("INC-" + id + " is not in the CSV"));
    }

    private HttpResponse<byte[]> bytes(String token, String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF line ends. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("the CSV ends with CRLF").isEmpty();
        return rows;
    }
}
