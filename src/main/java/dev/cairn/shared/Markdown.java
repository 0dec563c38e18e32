package dev.cairn.shared;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Markdown that people write (reviews, updates, templates) turned into HTML that is safe to show:
 * CommonMark with GitHub tables, raw HTML escaped, and the result passed through the OWASP
 * sanitizer so that no script, style or event handler survives whatever the input.
 */
public final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("<br>")
            .build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "br", "del", "s")
                    .allowAttributes("class")
                    .matching(false, "language-[a-z0-9+#-]{1,30}")
                    .onElements("code")
                    .toFactory());

    private Markdown() {}

    /** Safe HTML for {@code markdown}; an empty string for null or blank input. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /** The text of {@code markdown} without its markup, e.g. for e-mail subjects and previews. */
    public static String toPlainText(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return new org.commonmark.renderer.text.TextContentRenderer.Builder()
                .build()
                .render(PARSER.parse(markdown))
                .strip();
    }
}
