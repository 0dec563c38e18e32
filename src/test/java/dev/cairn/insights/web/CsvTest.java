package dev.cairn.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesWhatNeedsQuotingAndDefusesFormulas() {
        String csv = Csv.write(
                List.of("title", "n"),
                List.of(
                        List.of("Checkout \"cart\", slow", 3),
                        List.of("two\nlines", -1.5),
                        List.of("=HYPERLINK(\"x\")", true)));
        assertThat(csv)
                .isEqualTo("title,n\r\n\"Checkout \"\"cart\"\", slow\",3\r\n\"two\nlines\",-1.5\r\n"
                        + "\"'=HYPERLINK(\"\"x\"\")\",true\r\n");
    }
}
