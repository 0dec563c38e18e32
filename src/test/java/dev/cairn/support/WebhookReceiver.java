package dev.cairn.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 that checks Cairn's signature the way the README tells users to,
 * and answers as scripted (200 once the script is used up).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as received, and whether its signature held. */
    public record Received(String body, String timestamp, String signature, String deliveryId, boolean signed) {}

    public record Answer(int status, Map<String, String> headers, CountDownLatch holdUntil) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile String secret = "";

    private WebhookReceiver(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver start(Clock clock) {
        try {
            return new WebhookReceiver(clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/cairn?team=payments";
    }

    public void secret(String secret) {
        this.secret = secret;
    }

    public void answer(int status, Map<String, String> headers) {
        script.add(new Answer(status, headers, null));
    }

    /** The next request waits for {@code release} before it is answered 200. */
    public void hold(CountDownLatch release) {
        script.add(new Answer(200, Map.of(), release));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int count() {
        return received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst("X-Cairn-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Cairn-Signature");
        boolean signed =
                verify(secret, timestamp, signature, body, clock.instant().getEpochSecond());
        received.add(new Received(
                new String(body, StandardCharsets.UTF_8),
                timestamp,
                signature,
                exchange.getRequestHeaders().getFirst("X-Cairn-Delivery"),
                signed));
        Answer answer = signed ? script.poll() : new Answer(401, Map.of(), null);
        if (answer == null) {
            answer = new Answer(200, Map.of(), null);
        }
        if (answer.holdUntil() != null) {
            try {
                answer.holdUntil().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] reply = (answer.status() == 401 ? "bad signature" : "ok").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    /** What a receiver does: HMAC-SHA256 of "timestamp.body", constant-time compare, fresh timestamp. */
    public static boolean verify(String secret, String timestamp, String signature, byte[] body, long nowSeconds) {
        if (secret == null || secret.isEmpty() || timestamp == null || signature == null) {
            return false;
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - sent) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
