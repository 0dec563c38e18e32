package dev.cairn.transcript.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.shared.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz tests of the three parsers: whatever the bytes, a parser either reads well-formed
 * lines or refuses the file with an {@link InvalidInputException} naming it — never another
 * exception, never an empty or oversized body. {@code mvn test} runs them in regression mode (the
 * empty input and the seeds under {@code src/test/resources/dev/cairn/transcript/internal/
 * ParserFuzzTestInputs/<method>}); {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ParserFuzzTest} fuzzes.
 */
class ParserFuzzTest {

    private static final Instant START = Instant.parse("2024-03-05T10:00:00Z");

    @FuzzTest(maxDuration = "20s")
    void slackDailyFile(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        List<Line> lines = new ArrayList<>();
        try {
            SlackExportReader.readDay(
                    new ByteArrayInputStream(bytes),
                    "c/2024-03-05.json",
                    "C1",
                    Map.of("U1", new SlackExportReader.SlackUser("U1", "Ada", null)),
                    Map.of("U1", "Ada"),
                    Map.of("C1", "c"),
                    null,
                    null,
                    lines::add);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("c/2024-03-05.json");
            return;
        }
        check(lines);
    }

    @FuzzTest(maxDuration = "20s")
    void mrkdwn(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        String out = Mrkdwn.toText(text, Map.of("U1", "Ada"), Map.of("C1", "general"));
        assertThat(out).isNotNull();
    }

    @FuzzTest(maxDuration = "20s")
    void vtt(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        List<Line> lines = new ArrayList<>();
        try {
            VttReader.read(new ByteArrayInputStream(bytes), "call.vtt", START, lines::add);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("call.vtt");
            return;
        }
        check(lines);
        assertThat(lines).allMatch(l -> !l.at().isBefore(START));
    }

    @FuzzTest(maxDuration = "20s")
    void chatLog(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        List<Line> lines = new ArrayList<>();
        try {
            ChatLogReader.read(new ByteArrayInputStream(bytes), "chat.csv", lines::add);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("chat.csv");
            return;
        }
        check(lines);
    }

    private static void check(List<Line> lines) {
        for (Line line : lines) {
            assertThat(line.body()).isNotBlank();
            assertThat(line.body().length()).isLessThanOrEqualTo(20000);
            assertThat(line.key()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(line.at()).isNotNull();
        }
    }
}
