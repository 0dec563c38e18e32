package dev.cairn.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies over the limit with 413 before anything reads them, whether the client sent
 * a Content-Length or streamed the body in chunks. Bodies under the limit are buffered once so that
 * later filters (idempotency) and the controller read the same bytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiBodyLimitFilter extends OncePerRequestFilter {

    /** PagerDuty's own limit for an Events v2 body, kept so clients see the same behaviour. */
    static final int PAGERDUTY_MAX_BYTES = 512 * 1024;

    private final int apiMaxBytes;
    private final int hookMaxBytes;

    ApiBodyLimitFilter(
            @Value("${cairn.api-max-body-bytes:1048576}") int apiMaxBytes,
            @Value("${cairn.hooks-max-body-bytes:4194304}") int hookMaxBytes) {
        this.apiMaxBytes = apiMaxBytes;
        this.hookMaxBytes = hookMaxBytes;
    }

    private int limitFor(String path) {
        if (path.startsWith("/v2/")) {
            return PAGERDUTY_MAX_BYTES;
        }
        return path.startsWith("/hooks/") ? hookMaxBytes : apiMaxBytes;
    }

    /**
     * Transcript uploads (multipart, up to {@code spring.servlet.multipart.max-file-size}) are
     * streamed by the servlet container to a temporary file, never buffered here.
     */
    private static final java.util.regex.Pattern STREAMED_UPLOADS =
            java.util.regex.Pattern.compile("/api/v1/incidents/\\d+/imports");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        String type = request.getContentType();
        if (type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                && STREAMED_UPLOADS.matcher(path).matches()) {
            return true;
        }
        return !(path.startsWith("/api/") || path.startsWith("/hooks/") || path.startsWith("/v2/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int maxBytes = limitFor(request.getRequestURI());
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            tooLarge(response, maxBytes);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(response, maxBytes);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static void tooLarge(HttpServletResponse response, int maxBytes) throws IOException {
        response.setStatus(413);
        response.setContentType("application/problem+json");
        response.setHeader("Connection", "close");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,"
                        + "\"detail\":\"The body is larger than " + maxBytes + " bytes\",\"field\":\"body\"}");
    }

    static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        byte[] body() {
            return body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
