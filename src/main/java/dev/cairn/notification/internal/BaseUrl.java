package dev.cairn.notification.internal;

/** Absolute links from {@code cairn.base-url}, with or without its trailing slash. */
public final class BaseUrl {

    private BaseUrl() {}

    public static String absolute(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + (path.startsWith("/") ? path : "/" + path);
    }
}
