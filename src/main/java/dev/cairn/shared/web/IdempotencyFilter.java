package dev.cairn.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on API POSTs: the first request with a key runs and its answer is kept;
 * a retry with the same key (same caller) gets that answer again instead of acting twice. A retry
 * that arrives while the first is still running gets 409. Registered after Spring Security (see
 * {@link WebFilters}) so the caller is known: keys are per caller.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyFilter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith("/api/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > 200) {
            problem(response, 400, "Invalid request", HEADER + " must be 1 to 200 characters");
            return;
        }
        String caller = principal.getName();
        Optional<Stored> stored = find(caller, key);
        if (stored.isPresent()) {
            replay(stored.get(), request, response);
            return;
        }
        try {
            jdbc.sql("insert into idempotency_keys (principal, idem_key, request_path, created_at) values (?, ?, ?, ?)")
                    .params(
                            caller,
                            key,
                            request.getRequestURI(),
                            clock.instant().atOffset(java.time.ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException raced) {
            // Another request with this key got in first. It is still running (409), finished (replay),
            // or failed and gave the key back: then the client may retry, as it would after a 5xx.
            Optional<Stored> winner = find(caller, key);
            if (winner.isPresent()) {
                replay(winner.get(), request, response);
            } else {
                problem(response, 409, "Request in progress", "A request with this " + HEADER + " just failed; retry");
            }
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(request, wrapper);
            completed = true;
        } finally {
            if (completed && wrapper.getStatus() < 500) {
                jdbc.sql("update idempotency_keys set status = ?, content_type = ?, location = ?, body = ?"
                                + " where principal = ? and idem_key = ?")
                        .params(
                                wrapper.getStatus(),
                                wrapper.getContentType(),
                                wrapper.getHeader("Location"),
                                new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8),
                                caller,
                                key)
                        .update();
            } else {
                // A failed attempt must not pin the key: the client's retry should run again.
                jdbc.sql("delete from idempotency_keys where principal = ? and idem_key = ?")
                        .params(caller, key)
                        .update();
            }
            wrapper.copyBodyToResponse();
        }
    }

    private Optional<Stored> find(String caller, String key) {
        return jdbc.sql("select request_path, status, content_type, location, body from idempotency_keys"
                        + " where principal = ? and idem_key = ?")
                .params(caller, key)
                .query((rs, n) -> new Stored(
                        rs.getString("request_path"),
                        (Integer) rs.getObject("status"),
                        rs.getString("content_type"),
                        rs.getString("location"),
                        rs.getString("body")))
                .optional();
    }

    private void replay(Stored stored, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!stored.path().equals(request.getRequestURI())) {
            problem(response, 422, "Idempotency key reused", "This " + HEADER + " was used for another request");
            return;
        }
        if (stored.status() == null) {
            problem(
                    response,
                    409,
                    "Request in progress",
                    "A request with this " + HEADER + " is still running; retry later");
            return;
        }
        response.setStatus(stored.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\",\"field\":\"" + HEADER + "\"}");
    }

    record Stored(String path, Integer status, String contentType, String location, String body) {}
}
