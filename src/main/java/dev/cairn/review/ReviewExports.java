package dev.cairn.review;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.cairn.identity.Actor;
import dev.cairn.shared.Markdown;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * A review as a Markdown file and as a PDF, with the same permissions as its page (a private
 * incident's review is exported only to its members and admins).
 */
@Service
public class ReviewExports {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    private final Reviews reviews;

    ReviewExports(Reviews reviews) {
        this.reviews = reviews;
    }

    /** A titled part of the review. */
    record Part(String title, String markdown) {}

    public String markdown(long incidentId, Actor actor) {
        Review review = reviews.get(incidentId, actor);
        StringBuilder md = new StringBuilder();
        md.append("# Review of ")
                .append(review.reference())
                .append(": ")
                .append(review.title())
                .append("\n\n");
        md.append("_")
                .append(review.depth().label())
                .append(" · ")
                .append(review.state().label());
        if (review.publishedAt() != null) {
            md.append(" ")
                    .append(TIME.format(review.publishedAt()))
                    .append(" by ")
                    .append(review.publishedBy());
        }
        md.append("_\n\n");
        for (Part part : parts(review)) {
            md.append("## ").append(part.title()).append("\n\n");
            md.append(
                            part.markdown().isBlank()
                                    ? "_Not written yet._"
                                    : part.markdown().strip())
                    .append("\n\n");
        }
        List<Highlight> moments = reviews.highlights(incidentId, actor);
        if (!moments.isEmpty()) {
            md.append("## Key moments\n\n");
            for (Highlight h : moments) {
                md.append("- ")
                        .append(TIME.format(h.occurredAt()))
                        .append(" · ")
                        .append(h.authorName());
                if (!h.phases().isEmpty()) {
                    md.append(" · ").append(String.join(", ", h.phases()));
                }
                md.append(h.keyMoment() ? " · key moment" : "").append(": ");
                md.append(h.body().replaceAll("\\s+", " ").strip());
                if (!h.note().isBlank()) {
                    md.append(" — _")
                            .append(h.note().replaceAll("\\s+", " ").strip())
                            .append("_");
                }
                md.append("\n");
            }
        }
        return md.toString();
    }

    public byte[] pdf(long incidentId, Actor actor) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title>"
                + HtmlUtils.htmlEscape(reviews.get(incidentId, actor).reference())
                + "</title><style>body{font-family:sans-serif;font-size:11pt;line-height:1.4}"
                + "h1{font-size:18pt}h2{font-size:14pt;margin-top:18pt}"
                + "table.lanes{width:100%;border-collapse:collapse;table-layout:fixed;font-size:8pt}"
                + "table.lanes td{height:12pt;border:0.5pt solid #dee2e6;padding:0}"
                + "table.lanes td.lane{width:22%;border:none;padding-right:4pt}"
                + "table.lanes td.on{background:#6ea8fe}table.lanes td.key{background:#ffc107}"
                + "table.spans{border-collapse:collapse;font-size:9pt;margin-top:8pt}"
                + "table.spans th,table.spans td{border:0.5pt solid #adb5bd;padding:2pt 4pt;text-align:left}"
                + "</style></head><body>"
                + Markdown.toHtml(markdown(incidentId, actor))
                + phaseChart(reviews.highlights(incidentId, actor))
                + "</body></html>";
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Time slots across the chart in the PDF. */
    static final int SLOTS = 24;

    /**
     * The narrative chart for the PDF, where no script runs: phases as lanes over time drawn as a
     * table of time slots (a slot is filled while the phase is going on; moments of one phase close
     * together form one span, a phase that comes back gets another), the key moments as their own
     * lane, then the spans as a table. Empty when nothing is highlighted.
     */
    static String phaseChart(List<Highlight> highlights) {
        if (highlights.isEmpty()) {
            return "";
        }
        long start = highlights.stream()
                .mapToLong(h -> h.occurredAt().toEpochMilli())
                .min()
                .orElseThrow();
        long end = highlights.stream()
                .mapToLong(h -> h.occurredAt().toEpochMilli())
                .max()
                .orElseThrow();
        long length = Math.max(end - start, 60_000);
        long gap = Math.max(600_000, length / 12);
        java.util.Map<String, List<long[]>> spans = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Long>> byPhase = new java.util.LinkedHashMap<>();
        for (Highlight h : highlights) {
            h.phases()
                    .forEach(p -> byPhase.computeIfAbsent(p, k -> new ArrayList<>())
                            .add(h.occurredAt().toEpochMilli()));
        }
        byPhase.forEach((phase, times) -> {
            List<Long> sorted = times.stream().sorted().toList();
            List<long[]> list = new ArrayList<>();
            long from = sorted.getFirst();
            long to = from;
            int count = 1;
            for (long t : sorted.subList(1, sorted.size())) {
                if (t - to > gap) {
                    list.add(new long[] {from, to, count});
                    from = t;
                    count = 0;
                }
                to = t;
                count++;
            }
            list.add(new long[] {from, to, count});
            spans.put(phase, list);
        });
        StringBuilder html = new StringBuilder("<h2>Phases over time</h2><table class=\"lanes\">");
        html.append("<tr><td class=\"lane\"></td><td colspan=\"12\" style=\"border:none\">")
                .append(HtmlUtils.htmlEscape(TIME.format(java.time.Instant.ofEpochMilli(start))))
                .append("</td><td colspan=\"12\" style=\"border:none;text-align:right\">")
                .append(HtmlUtils.htmlEscape(TIME.format(java.time.Instant.ofEpochMilli(end))))
                .append("</td></tr>");
        spans.forEach((phase, list) -> {
            html.append("<tr><td class=\"lane\">")
                    .append(HtmlUtils.htmlEscape(phase))
                    .append("</td>");
            for (int slot = 0; slot < SLOTS; slot++) {
                long slotFrom = start + length * slot / SLOTS;
                long slotTo = start + length * (slot + 1) / SLOTS;
                boolean on = list.stream().anyMatch(sp -> sp[0] < slotTo && sp[1] >= slotFrom);
                html.append(on ? "<td class=\"on\"></td>" : "<td></td>");
            }
            html.append("</tr>");
        });
        html.append("<tr><td class=\"lane\">Key moments</td>");
        for (int slot = 0; slot < SLOTS; slot++) {
            long slotFrom = start + length * slot / SLOTS;
            long slotTo = slot == SLOTS - 1 ? end + 1 : start + length * (slot + 1) / SLOTS;
            boolean key = highlights.stream()
                    .filter(Highlight::keyMoment)
                    .mapToLong(h -> h.occurredAt().toEpochMilli())
                    .anyMatch(t -> t >= slotFrom && t < slotTo);
            html.append(key ? "<td class=\"key\"></td>" : "<td></td>");
        }
        html.append("</tr></table>");
        if (!spans.isEmpty()) {
            html.append("<table class=\"spans\"><tr><th>Phase</th><th>From</th><th>To</th><th>Moments</th></tr>");
            spans.forEach((phase, list) -> list.forEach(sp -> html.append("<tr><td>")
                    .append(HtmlUtils.htmlEscape(phase))
                    .append("</td><td>")
                    .append(TIME.format(java.time.Instant.ofEpochMilli(sp[0])))
                    .append("</td><td>")
                    .append(TIME.format(java.time.Instant.ofEpochMilli(sp[1])))
                    .append("</td><td>")
                    .append(sp[2])
                    .append("</td></tr>")));
            html.append("</table>");
        }
        return html.toString();
    }

    static List<Part> parts(Review review) {
        List<Part> parts = new ArrayList<>();
        if (review.depth() == ReviewDepth.GAME_DAY) {
            parts.add(new Part("Hypothesis", review.hypothesis()));
            parts.add(new Part("What happened", review.whatHappened()));
            parts.add(new Part("What surprised us", review.surprises()));
        } else {
            parts.add(new Part("The story", review.narrative()));
            parts.add(new Part("What happened and why it made sense at the time", review.whatHappened()));
        }
        parts.add(new Part("What we learned", review.learned()));
        return parts;
    }
}
