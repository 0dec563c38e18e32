package dev.cairn.escalation.internal;

import dev.cairn.shared.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time acknowledgement links: {@code <page>.<user>.<nonce>.<signature>}, signed with
 * HMAC-SHA256 under a key Cairn generates once and keeps in its database (so every node verifies
 * every link). The nonce is stored and spent on first use; a forged or altered link fails the
 * signature before anything is looked up.
 */
@Component
public class AckLinks {

    private static final String KEY_NAME = "page-ack-links";

    private final PageStore store;
    private final Clock clock;
    private volatile byte[] key;

    private final TransactionTemplate own;

    AckLinks(PageStore store, Clock clock, PlatformTransactionManager tx) {
        this.store = store;
        this.clock = clock;
        this.own = new TransactionTemplate(tx);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Claim(long pageId, long userId, String nonce) {}

    /**
     * Loads (or creates) the key when the node starts, so firing a step never needs a second
     * database connection for it: with many steps due at once, each holding a connection and
     * waiting for another, a node froze for the pool's 30 s timeout (seen in bench/kill-node.sh).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void loadKey() {
        try {
            key();
        } catch (RuntimeException e) {
            // The database is not reachable yet; the first link loads the key instead.
        }
    }

    /** A new link token for this person and page; stored so it can be spent once. */
    public String issue(long pageId, long userId) {
        String nonce = Secrets.random(18);
        store.insertLink(nonce, pageId, userId, clock.instant());
        String payload = pageId + "." + userId + "." + nonce;
        return payload + "." + sign(payload);
    }

    /** The claim of a well-formed token with a valid signature, else empty. */
    public Optional<Claim> verify(String token) {
        if (token == null || token.length() > 300) {
            return Optional.empty();
        }
        int cut = token.lastIndexOf('.');
        if (cut < 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, cut);
        byte[] given = token.substring(cut + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, sign(payload).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            // In a transaction of its own: a key cached here must be the one every node reads, even
            // if the caller's transaction rolls back.
            String secret = own.execute(status -> {
                store.offerSigningKey(KEY_NAME, Secrets.random(32), clock.instant());
                return store.signingKey(KEY_NAME).orElseThrow();
            });
            k = secret.getBytes(StandardCharsets.UTF_8);
            key = k;
        }
        return k;
    }
}
