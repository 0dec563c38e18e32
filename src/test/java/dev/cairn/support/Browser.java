package dev.cairn.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One browser: its own cookies, no automatic redirects so each step can be checked. */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Browser(int port) {
        this.port = port;
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> signIn(String email, String password) {
        return postForm("/login", Map.of("email", email, "password", password), "/login");
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, path);
    }

    /** Reads the CSRF token from the form page, as a browser would, then submits the form. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, String formPage) {
        return postForm(path, fields, formPage, Map.of());
    }

    /** As htmx posts a form: with the {@code HX-Request} header, answered with the fragment to swap. */
    public HttpResponse<String> postHtmx(String path, Map<String, String> fields, String formPage) {
        return postForm(path, fields, formPage, Map.of("HX-Request", "true"));
    }

    private HttpResponse<String> postForm(
            String path, Map<String, String> fields, String formPage, Map<String, String> headers) {
        HttpResponse<String> page = get(formPage);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("CSRF token on " + formPage).isTrue();
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf.group(1));
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** Reads the CSRF token from the form page, then submits a multipart form with one file. */
    public HttpResponse<String> postMultipart(
            String path, Map<String, String> fields, String fileName, byte[] file, String formPage) {
        HttpResponse<String> page = get(formPage);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("CSRF token on " + formPage).isTrue();
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf.group(1));
        String boundary = "----cairn" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        form.forEach((k, v) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A form post without the CSRF token, as a forged cross-site request would arrive. */
    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
