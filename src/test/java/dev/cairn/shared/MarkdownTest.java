package dev.cairn.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void rendersTheMarkupPeopleUse() {
        String html = Markdown.toHtml(
                "## What happened\n\n**Checkout** failed, see [the runbook](https://example.com/rb).\n\n- one\n- two\n\n`code`");
        assertThat(html)
                .contains("<h2>What happened</h2>")
                .contains("<strong>Checkout</strong>")
                .contains("href=\"https://example.com/rb\"")
                .contains("<li>one</li>")
                .contains("<code>code</code>");
    }

    @Test
    void nothingExecutableSurvives() {
        String html = Markdown.toHtml(
                "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>");
        assertThat(html).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("onerror=\"");
    }

    @Test
    void plainTextDropsTheMarkup() {
        assertThat(Markdown.toPlainText("**Impact**: _checkout_ is down")).isEqualTo("Impact: checkout is down");
        assertThat(Markdown.toHtml(null)).isEmpty();
    }
}
