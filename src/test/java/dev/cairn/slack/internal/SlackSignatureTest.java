package dev.cairn.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final Instant NOW = Instant.ofEpochSecond(1531420618);

    @Test
    void matchesSlacksOwnExample() {
        // The example of https://api.slack.com/authentication/verifying-requests-from-slack
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertThat(SlackSignature.sign(SECRET, "1531420618", body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Property
    void aSignedBodyVerifiesWithinFiveMinutesOnly(
            @ForAll String body, @ForAll @IntRange(min = -600, max = 600) int skew) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(NOW.getEpochSecond() + skew);
        assertThat(SlackSignature.verify(SECRET, ts, SlackSignature.sign(SECRET, ts, bytes), bytes, NOW))
                .isEqualTo(Math.abs(skew) <= 300);
    }

    @Property
    void anyChangeOfTheBodyOrSecretFails(@ForAll String body, @ForAll String other) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(NOW.getEpochSecond());
        String signature = SlackSignature.sign(SECRET, ts, bytes);
        if (!other.equals(body)) {
            assertThat(SlackSignature.verify(SECRET, ts, signature, other.getBytes(StandardCharsets.UTF_8), NOW))
                    .isFalse();
        }
        assertThat(SlackSignature.verify(SECRET + "x", ts, signature, bytes, NOW))
                .isFalse();
    }

    @Property
    void garbageHeadersAreRefusedWithoutFailing(@ForAll String timestamp, @ForAll String signature) {
        assertThat(SlackSignature.verify(SECRET, timestamp, signature, new byte[0], NOW))
                .isFalse();
    }
}
