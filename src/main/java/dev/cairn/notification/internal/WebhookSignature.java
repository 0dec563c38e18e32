package dev.cairn.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Cairn signs an outgoing webhook: {@code X-Cairn-Signature: sha256=<hex>} where hex is the
 * HMAC-SHA256, keyed with the contact method's secret, of {@code "<X-Cairn-Timestamp>.<raw body>"}.
 * The timestamp in the signed text stops a captured request from being replayed later.
 */
public final class WebhookSignature {

    private WebhookSignature() {}

    public static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
