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
                + "h1{font-size:18pt}h2{font-size:14pt;margin-top:18pt}</style></head><body>"
                + Markdown.toHtml(markdown(incidentId, actor))
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
