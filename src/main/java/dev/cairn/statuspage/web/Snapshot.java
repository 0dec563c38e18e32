package dev.cairn.statuspage.web;

import dev.cairn.statuspage.PublicView;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * One rendering of the public page and its feeds at one version, kept in memory and answered as
 * bytes. Pages rendered on demand (history pages, one incident) are kept with it, so each is
 * rendered at most once per snapshot.
 */
record Snapshot(PublicView view, Body html, Body json, Body atom, Body rss, Map<String, Body> extra) {

    /** A response body and its ETag. */
    record Body(byte[] bytes, String etag, int status) {

        static Body of(String text, int status) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return new Body(bytes, "\"" + Long.toHexString(crc.getValue()) + "-" + bytes.length + "\"", status);
        }
    }

    Snapshot(PublicView view, Body html, Body json, Body atom, Body rss) {
        this(view, html, json, atom, rss, new ConcurrentHashMap<>());
    }

    Body extra(String key, Supplier<Body> render) {
        return extra.computeIfAbsent(key, k -> render.get());
    }
}
