package dev.cairn.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Role;
import dev.cairn.support.Api.Response;
import dev.cairn.support.Browser;
import dev.cairn.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever a client sends to the review API — odd phase names, highlight selections of unknown,
 * foreign, null or far too many entries, Markdown with markup, control characters and huge
 * lengths, and bodies that are not the JSON expected at all — the answer is never a 500, and the
 * review keeps working and rendering afterwards. Inputs are drawn with jqwik generators from a
 * fixed seed (the seed is in the failure message), against the real server over HTTP.
 */
class ReviewInputPropertiesTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SEED = 20261128L;
    private static final int TRIES = 150;

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().ascii().ofMaxLength(300),
                Arbitraries.strings()
                        .withChars("<>&\"'`*_[]()#!|\\\n\t\u0000\u202e\ud83d\ude00")
                        .ofMaxLength(80),
                Arbitraries.of(
                        "",
                        " ",
                        "detection",
                        "DIAGNOSIS",
                        "  repair  ",
                        "<script>alert(1)</script>",
                        "[x](javascript:alert(1))",
                        "| a | b |\n|---|---|\n| 1 | 2 |",
                        "x".repeat(5000),
                        "y".repeat(120_000)));
    }

    private static Arbitrary<Object> id(List<Long> mine, long foreign) {
        return Arbitraries.oneOf(
                Arbitraries.of(mine.toArray(Long[]::new)).map(v -> (Object) v),
                Arbitraries.of((Object) foreign, -1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE, "12", "x", 1.5, true),
                Arbitraries.longs().map(v -> (Object) v));
    }

    private static <T> T draw(Arbitrary<T> arbitrary, Random random) {
        return arbitrary.generator(1000).next(random).value();
    }

    @Test
    void nothingAClientSendsGivesAServerError() {
        // jqwik's generators outside a @Property (the server comes from the Spring test context).
        JqwikSession.start();
        try {
            tryEverything();
        } finally {
            JqwikSession.finish();
        }
    }

    private void tryEverything() {
        Person ada = person(Role.RESPONDER);
        long id = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Fuzzed review\",\"severity\":\"SEV2\",\"type\":\"default\"}")
                .json()
                .get("id")
                .asLong();
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(ada.api()
                    .post("/api/v1/incidents/" + id + "/timeline", "{\"body\":\"entry " + i + "\"}")
                    .json()
                    .get("id")
                    .asLong());
        }
        long other = ada.api()
                .post("/api/v1/incidents", "{\"title\":\"Other\",\"severity\":\"SEV4\",\"type\":\"default\"}")
                .json()
                .get("id")
                .asLong();
        long foreign = ada.api()
                .post("/api/v1/incidents/" + other + "/timeline", "{\"body\":\"not yours\"}")
                .json()
                .get("id")
                .asLong();
        ada.api().patch("/api/v1/incidents/" + id, "{\"status\":\"resolved\"}");

        Random random = new Random(SEED);
        Arbitrary<String> text = text();
        Arbitrary<Object> entry = id(mine, foreign);
        Arbitrary<Object> textOrOther = Arbitraries.oneOf(
                text.map(v -> (Object) v), Arbitraries.of((Object) 7, false, List.of("a"), java.util.Map.of("a", 1)));
        String base = "/api/v1/incidents/" + id + "/review";
        for (int i = 0; i < TRIES; i++) {
            String body;
            String path;
            String method = "post";
            switch (random.nextInt(6)) {
                case 0 -> {
                    path = base + "/highlights";
                    java.util.Map<String, Object> input = new java.util.LinkedHashMap<>();
                    input.put(
                            "entryIds",
                            random.nextInt(10) == 0
                                    ? java.util.stream.LongStream.range(0, 600)
                                            .boxed()
                                            .toList()
                                    : draw(entry.list().ofMaxSize(6), random));
                    if (random.nextBoolean()) {
                        input.put("phases", draw(text.list().ofMaxSize(4), random));
                    }
                    if (random.nextBoolean()) {
                        input.put("note", draw(textOrOther, random));
                    }
                    if (random.nextBoolean()) {
                        input.put("keyMoment", draw(Arbitraries.of(true, false, "yes", 3), random));
                    }
                    body = JSON.writeValueAsString(input);
                }
                case 1 -> {
                    path = base;
                    method = "put";
                    java.util.Map<String, Object> input = new java.util.LinkedHashMap<>();
                    for (String field : List.of("narrative", "whatHappened", "learned", "hypothesis", "surprises")) {
                        if (random.nextInt(3) == 0) {
                            input.put(field, draw(textOrOther, random));
                        }
                    }
                    if (random.nextInt(3) == 0) {
                        input.put("customPhases", draw(text.list().ofMaxSize(25), random));
                    }
                    if (random.nextInt(4) == 0) {
                        input.put("state", draw(text, random));
                    }
                    body = JSON.writeValueAsString(input);
                }
                case 2 -> {
                    path = base + "/comments";
                    body = JSON.writeValueAsString(java.util.Map.of(
                            "target", draw(text, random),
                            "kind", draw(Arbitraries.of("comment", "question", "note", "shout"), random),
                            "body", draw(text, random),
                            "addresseeId", draw(entry, random)));
                }
                case 3 -> {
                    path = base + "/reopen";
                    body = JSON.writeValueAsString(java.util.Map.of("reason", draw(textOrOther, random)));
                }
                case 4 -> {
                    path = draw(
                            Arbitraries.of(base, base + "/highlights", base + "/comments", base + "/reopen"), random);
                    method = draw(Arbitraries.of("post", "put"), random);
                    body = draw(
                            Arbitraries.strings()
                                    .withChars("{}[]\":,0123456789.-eEtrufalsn \\u")
                                    .ofMaxLength(40),
                            random);
                }
                default -> {
                    path = "/api/v1/reviews?"
                            + draw(Arbitraries.of("state=", "severity=", "team=", "cursor=", "limit="), random)
                            + java.net.URLEncoder.encode(draw(text, random), java.nio.charset.StandardCharsets.UTF_8);
                    method = "get";
                    body = null;
                }
            }
            Response response = switch (method) {
                case "put" -> ada.api().put(path, body);
                case "get" -> ada.api().get(path);
                default -> ada.api().post(path, body);
            };
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            assertThat(response.status())
                    .as("seed %d try %d: %s %s %s -> %s", SEED, i, method, path, shown, response.body())
                    .isLessThan(500);
        }

        assertThat(ada.api().get(base).status()).isEqualTo(200);
        assertThat(ada.api().get(base + "/highlights").status()).isEqualTo(200);
        assertThat(ada.api().get(base + ".md").status()).isEqualTo(200);
        assertThat(ada.api().get(base + ".pdf").status()).isEqualTo(200);
        Browser browser = new Browser(port);
        browser.signIn(ada.email(), ada.password());
        var page = browser.get("/incidents/" + id + "/review");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
    }
}
