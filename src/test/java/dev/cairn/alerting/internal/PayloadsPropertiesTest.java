package dev.cairn.alerting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.alerting.AlertEvent;
import dev.cairn.alerting.GenericMapping;
import dev.cairn.alerting.PayloadException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;
import org.junit.jupiter.api.Test;

/**
 * Whatever a sender posts, the parsers either read alerts or refuse with a {@link
 * PayloadException} naming a field: never another exception, which would become a 500 and make
 * Alertmanager retry a payload that can never succeed.
 */
class PayloadsPropertiesTest {

    private static final GenericMapping MAPPING = new GenericMapping("/title", "/id", "/severity", "/state", null);

    @Property(tries = 500)
    void anyBytesAreReadOrRefusedWithAField(@ForAll byte[] body) {
        parseAll(body);
    }

    @Property(tries = 1000)
    void anyJsonShapedTextIsReadOrRefusedWithAField(@ForAll("jsonish") String body) {
        parseAll(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidAlertmanagerAlertIsRead() {
        List<AlertEvent> events = Payloads.alertmanager(Payloads.json(
                "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"},\"fingerprint\":\"f1\"}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AlertEvent.Action.TRIGGER);
            assertThat(e.dedupKey()).isEqualTo("f1");
            assertThat(e.title()).isEqualTo("X");
        });
    }

    @Test
    void alertsWithoutFingerprintGetAStableKeyFromTheirLabels() {
        String a = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}]}";
        String b = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"b\":\"2\",\"a\":\"1\"}}]}";
        assertThat(Payloads.alertmanager(Payloads.json(a.getBytes(StandardCharsets.UTF_8)))
                        .getFirst()
                        .dedupKey())
                .isEqualTo(Payloads.alertmanager(Payloads.json(b.getBytes(StandardCharsets.UTF_8)))
                        .getFirst()
                        .dedupKey());
    }

    @Test
    void anOverlongDedupKeyIsRefused() {
        String body =
                "{\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"fingerprint\":\"" + "k".repeat(300) + "\"}]}";
        assertThatThrownBy(() -> Payloads.alertmanager(Payloads.json(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("at most 255");
    }

    private static void parseAll(byte[] body) {
        check(() -> Payloads.alertmanager(Payloads.json(body)));
        check(() -> Payloads.pagerDuty(Payloads.json(body), "generated0000000000000000000000"));
        check(() -> Payloads.generic(Payloads.json(body), MAPPING));
    }

    private static void check(Runnable parse) {
        try {
            parse.run();
        } catch (PayloadException e) {
            assertThat(e.field()).isNotBlank();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        StringArbitrary scalars =
                Arbitraries.strings().withChars("abc19\"{}[]:,.-").ofMaxLength(12);
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of(
                        "null",
                        "true",
                        "1",
                        "-2.5",
                        "\"firing\"",
                        "\"resolved\"",
                        "\"trigger\"",
                        "\"resolve\"",
                        "\"acknowledge\"",
                        "\"critical\"",
                        "\"x\"",
                        "{}",
                        "[]"),
                scalars.map(s -> "\"" + s.replace("\"", "") + "\""));
        Arbitrary<String> fields = Arbitraries.of(
                "alerts",
                "status",
                "labels",
                "annotations",
                "fingerprint",
                "version",
                "routing_key",
                "event_action",
                "dedup_key",
                "payload",
                "summary",
                "source",
                "severity",
                "id",
                "title",
                "state");
        Arbitrary<String> alert = Arbitraries.maps(fields, values)
                .ofMaxSize(6)
                .map(m -> m.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .reduce((x, y) -> x + "," + y)
                        .map(s -> "{" + s + "}")
                        .orElse("{}"));
        Arbitrary<String> alerts = alert.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
        return Arbitraries.oneOf(
                alert,
                Arbitraries.maps(fields, Arbitraries.oneOf(values, alert, alerts))
                        .ofMaxSize(6)
                        .map(m -> m.entrySet().stream()
                                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                                .reduce((x, y) -> x + "," + y)
                                .map(s -> "{" + s + "}")
                                .orElse("{}")),
                scalars);
    }
}
