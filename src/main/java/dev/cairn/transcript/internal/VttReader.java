package dev.cairn.transcript.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a WebVTT call transcript line by line. Speakers come from voice tags ({@code <v Ada
 * Lovelace>}, Teams and Google Meet) or a leading {@code Name:} (Zoom); each cue becomes a message
 * at the recording's start plus the cue's start time.
 */
public final class VttReader {

    private static final Pattern TIMING = Pattern.compile(
            "^\\s*((?:\\d{1,3}:)?\\d{2}:\\d{2}[.,]\\d{3})\\s+-->\\s+((?:\\d{1,3}:)?\\d{2}:\\d{2}[.,]\\d{3})(\\s.*)?$");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?\\s+([^>]+)>");
    private static final Pattern ZOOM = Pattern.compile("^([^:<>]{1,60}):\\s+(.+)$", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final int MAX_CUE_LINES = 200;

    private VttReader() {}

    public static void read(InputStream in, String file, Instant start, Consumer<Line> sink) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String first = reader.readLine();
            if (first != null && first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            if (first == null
                    || !(first.equals("WEBVTT") || first.startsWith("WEBVTT ") || first.startsWith("WEBVTT\t"))) {
                throw Broken.at(file, 1, "not a WebVTT file (it must start with WEBVTT)");
            }
            long n = 1;
            String line;
            boolean inHeader = true;
            boolean skipBlock = false;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    inHeader = false;
                    skipBlock = false;
                    continue;
                }
                if (inHeader || skipBlock) {
                    continue;
                }
                if (line.startsWith("NOTE") || line.equals("STYLE") || line.equals("REGION")) {
                    skipBlock = true;
                    continue;
                }
                long cueLine = n;
                Matcher timing = TIMING.matcher(line);
                if (!timing.matches()) {
                    if (line.contains("-->")) {
                        throw Broken.at(file, n, "a cue timing that cannot be read: " + abbreviate(line));
                    }
                    String next = reader.readLine();
                    n++;
                    if (next == null) {
                        throw Broken.at(file, cueLine, "a cue without timings");
                    }
                    timing = TIMING.matcher(next);
                    if (!timing.matches()) {
                        throw Broken.at(file, n, "expected a cue timing (00:00:01.000 --> 00:00:04.000)");
                    }
                    cueLine = n;
                }
                long offset = millis(timing.group(1), file, cueLine);
                StringBuilder text = new StringBuilder();
                int lines = 0;
                while ((line = reader.readLine()) != null && !line.isBlank()) {
                    n++;
                    if (++lines > MAX_CUE_LINES) {
                        throw Broken.at(file, n, "a cue longer than " + MAX_CUE_LINES + " lines");
                    }
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(line);
                }
                if (line != null) {
                    n++;
                }
                cue(text.toString(), file, offset, start, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cue(String raw, String file, long offset, Instant start, Consumer<Line> sink) {
        String speaker = null;
        Matcher voice = VOICE.matcher(raw);
        if (voice.find()) {
            speaker = voice.group(1).strip();
        }
        String text = TAG.matcher(raw)
                .replaceAll("")
                .strip()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
        if (speaker == null) {
            Matcher zoom = ZOOM.matcher(text);
            if (zoom.matches()) {
                speaker = zoom.group(1).strip();
                text = zoom.group(2).strip();
            }
        }
        if (text.isEmpty()) {
            return;
        }
        if (text.length() > 20000) {
            text = text.substring(0, 19990) + " […]";
        }
        String name = speaker == null || speaker.isBlank() ? "Unknown speaker" : speaker;
        sink.accept(new Line(
                "vtt:" + offset + ":" + Keys.hash(name, text),
                null,
                name,
                null,
                text,
                start.plusMillis(offset),
                Map.of("offset_ms", String.valueOf(offset))));
    }

    static long millis(String time, String file, long line) {
        String[] parts = time.replace(',', '.').split("[:.]");
        long h = parts.length == 4 ? Long.parseLong(parts[0]) : 0;
        long m = Long.parseLong(parts[parts.length - 3]);
        long s = Long.parseLong(parts[parts.length - 2]);
        long ms = Long.parseLong(parts[parts.length - 1]);
        if (m > 59 || s > 59) {
            throw Broken.at(file, line, "a cue time that cannot be read: " + time);
        }
        return ((h * 60 + m) * 60 + s) * 1000 + ms;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
