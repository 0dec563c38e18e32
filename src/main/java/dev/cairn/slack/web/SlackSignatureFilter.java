package dev.cairn.slack.web;

import dev.cairn.slack.SlackSettings;
import dev.cairn.slack.internal.SlackSignature;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies Slack's signature on the raw body before anything else reads it; an unsigned, tampered
 * or stale request gets 401 and touches nothing. The verified bytes are handed to the controller
 * as a request attribute, since the body can be read only once.
 */
class SlackSignatureFilter extends OncePerRequestFilter {

    static final String BODY = "dev.cairn.slack.body";
    private static final int MAX_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SlackSignatureFilter.class);

    private final SlackSettings settings;
    private final Clock clock;

    SlackSignatureFilter(SlackSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!settings.configured()) {
            problem(
                    response,
                    503,
                    "Slack is not configured",
                    "Set CAIRN_SLACK_SIGNING_SECRET and CAIRN_SLACK_BOT_TOKEN to turn on the Slack app");
            return;
        }
        if (request.getContentLengthLong() > MAX_BYTES) {
            problem(response, 413, "Payload too large", "The body is larger than " + MAX_BYTES + " bytes");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES
                || !SlackSignature.verify(
                        settings.signingSecret(),
                        request.getHeader("X-Slack-Request-Timestamp"),
                        request.getHeader("X-Slack-Signature"),
                        body,
                        clock.instant())) {
            log.warn("slack request refused path={} reason=signature", request.getRequestURI());
            problem(response, 401, "Unauthorized", "The request is not signed by Slack, or is too old");
            return;
        }
        request.setAttribute(BODY, body);
        chain.doFilter(request, response);
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
