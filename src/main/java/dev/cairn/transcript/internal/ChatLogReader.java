package dev.cairn.transcript.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a generic chat log: CSV with a header naming {@code time}, {@code author} and {@code text}
 * columns (RFC 4180 quoting, quoted fields may span lines), or JSON lines with those fields. Times
 * are ISO-8601 (an offset, or UTC when none) or epoch seconds.
 */
public final class ChatLogReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_FIELD = 100_000;

    private ChatLogReader() {}

    public static void read(InputStream in, String file, Consumer<Line> sink) {
        try {
            PushbackReader reader =
                    new PushbackReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), 1);
            int c = reader.read();
            if (c == 0xFEFF) {
                c = reader.read();
            }
            while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                c = reader.read();
            }
            if (c == -1) {
                throw Broken.at(file, 0, "the file is empty");
            }
            reader.unread(c);
            if (c == '{') {
                jsonLines(new BufferedReader(reader), file, sink);
            } else {
                csv(reader, file, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jsonLines(BufferedReader reader, String file, Consumer<Line> sink) throws IOException {
        String line;
        long n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JacksonException e) {
                throw Broken.at(file, n, "not a JSON object (" + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject()) {
                throw Broken.at(file, n, "not a JSON object");
            }
            emit(
                    file,
                    n,
                    field(node, "time", "timestamp", "ts", "date"),
                    field(node, "author", "user", "name", "from"),
                    field(node, "text", "message", "body"),
                    sink);
        }
    }

    private static String field(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull() && !v.isContainer()) {
                return v.asString();
            }
        }
        return null;
    }

    private static void csv(PushbackReader reader, String file, Consumer<Line> sink) throws IOException {
        long[] line = {1};
        List<String> header = record(reader, file, line);
        int time = -1, author = -1, text = -1;
        for (int i = 0; i < header.size(); i++) {
            switch (header.get(i).strip().toLowerCase(Locale.ROOT)) {
                case "time", "timestamp", "date", "ts" -> time = time < 0 ? i : time;
                case "author", "user", "name", "from" -> author = author < 0 ? i : author;
                case "text", "message", "body" -> text = text < 0 ? i : text;
                default -> {}
            }
        }
        if (time < 0 || author < 0 || text < 0) {
            throw Broken.at(file, 1, "the header must name time, author and text columns");
        }
        while (true) {
            long start = line[0];
            List<String> row = record(reader, file, line);
            if (row == null) {
                return;
            }
            if (row.size() == 1 && row.getFirst().isBlank()) {
                continue;
            }
            int need = Math.max(time, Math.max(author, text));
            if (row.size() <= need) {
                throw Broken.at(file, start, "expected " + header.size() + " columns, found " + row.size());
            }
            emit(file, start, row.get(time), row.get(author), row.get(text), sink);
        }
    }

    /** One CSV record, or null at the end of the file; {@code line[0]} moves past it. */
    private static List<String> record(PushbackReader in, String file, long[] line) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int c = in.read();
        if (c == -1) {
            return null;
        }
        boolean quoted = false;
        boolean wasQuoted = false;
        long start = line[0];
        while (true) {
            if (field.length() > MAX_FIELD) {
                throw Broken.at(file, start, "a field longer than " + MAX_FIELD + " characters");
            }
            if (quoted) {
                if (c == -1) {
                    throw Broken.at(file, start, "a quoted field is not closed");
                }
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line[0]++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line[0]++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c == '\r') {
                int next = in.read();
                if (next != '\n' && next != -1) {
                    in.unread(next);
                }
                line[0]++;
                fields.add(field.toString());
                return fields;
            } else if (wasQuoted) {
                throw Broken.at(file, line[0], "text after a closing quote");
            } else {
                field.append((char) c);
            }
            c = in.read();
        }
    }

    private static void emit(String file, long n, String time, String author, String text, Consumer<Line> sink) {
        if (time == null || time.isBlank()) {
            throw Broken.at(file, n, "no time");
        }
        if (text == null || text.isBlank()) {
            return;
        }
        Instant at = parseTime(time.strip(), file, n);
        String name = author == null || author.isBlank() ? "unknown" : author.strip();
        String body = text.strip();
        if (body.length() > 20000) {
            body = body.substring(0, 19990) + " […]";
        }
        sink.accept(new Line("chat:" + Keys.hash(at.toString(), name, body), null, name, null, body, at, Map.of()));
    }

    static Instant parseTime(String time, String file, long n) {
        try {
            if (time.matches("\\d{9,11}(\\.\\d{1,9})?")) {
                double seconds = Double.parseDouble(time);
                return Instant.ofEpochMilli(Math.round(seconds * 1000));
            }
            try {
                return OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(time.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw Broken.at(file, n, "time " + abbreviate(time) + " is not ISO-8601 or epoch seconds");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
