package dev.cairn.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.insights.internal.AuditCsv;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void quotesWhatNeedsQuotingAndNothingElse() {
        assertThat(AuditCsv.field("plain title")).isEqualTo("plain title");
        assertThat(AuditCsv.field("")).isEqualTo("");
        assertThat(AuditCsv.field(null)).isEqualTo("");
        assertThat(AuditCsv.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(AuditCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void formulasAreNeutralised() {
        assertThat(AuditCsv.field("=1+1")).isEqualTo("'=1+1");
        assertThat(AuditCsv.field("+31 6 1234")).isEqualTo("'+31 6 1234");
        assertThat(AuditCsv.field("-2")).isEqualTo("'-2");
        assertThat(AuditCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.field("=HYPERLINK(\"http://x\", \"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\", \"\"y\"\")\"");
        assertThat(AuditCsv.field("a=b")).isEqualTo("a=b");
    }
}
