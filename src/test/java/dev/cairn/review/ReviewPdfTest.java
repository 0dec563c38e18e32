package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.support.IntegrationTest;
import java.time.Duration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The PDF of a review carries its sections, its highlights and the narrative chart drawn without script. */
class ReviewPdfTest extends IntegrationTest {

    @Autowired
    ReviewExports exports;

    private long post(Person who, long id, String body) {
        return who.api()
                .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"" + body + "\"}")
                .json()
                .get("id")
                .asLong();
    }

    private void mark(Person who, long id, long entry, String phases) {
        assertThat(who.api()
                        .post(
                                "/api/v1/incidents/" + id + "/review/highlights",
                                "{\"entryIds\":[" + entry + "],\"phases\":[" + phases + "]}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void thePdfHasTheSectionsTheHighlightsAndThePhasesOverTime() throws Exception {
        Person ada = person(Role.RESPONDER);
        long id = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Cache stampede\",\"severity\":\"SEV2\",\"type\":\"default\"}")
                .json()
                .get("id")
                .asLong();
        long first = post(ada, id, "Latency alarms on the search API");
        clock.advance(Duration.ofMinutes(20));
        long second = post(ada, id, "Cache hit rate dropped to zero");
        clock.advance(Duration.ofHours(3));
        long third = post(ada, id, "Warmed the cache and latency recovered");
        ada.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");
        ada.api()
                .put(
                        "/api/v1/incidents/" + id + "/review",
                        "{\"customPhases\":[\"waiting on vendor\"],\"learned\":\"Cold caches hurt.\"}");
        mark(ada, id, first, "\"detection\"");
        mark(ada, id, second, "\"diagnosis\",\"waiting on vendor\"");
        mark(ada, id, third, "\"repair\",\"diagnosis\"");

        byte[] pdf = exports.pdf(id, Actor.SYSTEM);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains("Review of INC-" + id)
                    .contains("What happened and why it made sense at the time")
                    .contains("What we learned", "Cold caches hurt.")
                    .contains("Key moments", "Cache hit rate dropped to zero")
                    .contains("Phases over time", "waiting on vendor");
        }
        String chart = ReviewExports.phaseChart(exports_highlights(id));
        assertThat(chart.split("<tr><td>diagnosis</td>", -1))
                .as("diagnosis came back three hours later: two spans")
                .hasSize(3);
        assertThat(chart.split("<tr><td>detection</td>", -1)).hasSize(2);
    }

    @Autowired
    Reviews reviews;

    private java.util.List<Highlight> exports_highlights(long id) {
        return reviews.highlights(id, Actor.SYSTEM);
    }
}
