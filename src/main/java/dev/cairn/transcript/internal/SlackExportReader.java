package dev.cairn.transcript.internal;

import dev.cairn.shared.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one channel of a Slack workspace export ZIP ({@code users.json}, {@code channels.json},
 * and a folder per channel of daily JSON files), entry by entry and message by message with a
 * streaming parser, so an export of any size needs only one message in memory at a time.
 */
public final class SlackExportReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A Slack user from {@code users.json}. */
    public record SlackUser(String id, String name, String email) {}

    private SlackExportReader() {}

    /**
     * Reads the channel's messages in time order (file by file), calling {@code sink} for each one
     * in {@code [from, to)} (either may be null), and returns how many were left out by the range.
     */
    public static int read(Path zipPath, String channel, Instant from, Instant to, Consumer<Line> sink) {
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            return read(zip, channel, from, to, sink);
        } catch (ZipException e) {
            throw Broken.at("the upload", 0, "not a ZIP file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int read(ZipFile zip, String channel, Instant from, Instant to, Consumer<Line> sink) throws IOException {
        String prefix = rootOf(zip);
        Map<String, SlackUser> users = readUsers(zip, prefix);
        Map<String, String> channels = readChannels(zip, prefix);
        String wanted = channel == null ? "" : channel.strip().replaceFirst("^#", "");
        if (wanted.isEmpty()) {
            throw new InvalidInputException("channel", "is required for a Slack export; it has: " + names(channels));
        }
        String channelId = null;
        String channelName = null;
        for (Map.Entry<String, String> c : channels.entrySet()) {
            if (c.getKey().equals(wanted) || c.getValue().equals(wanted)) {
                channelId = c.getKey();
                channelName = c.getValue();
            }
        }
        if (channelId == null) {
            throw new InvalidInputException(
                    "channel", "no channel " + wanted + " in the export; it has: " + names(channels));
        }
        String folder = prefix + channelName + "/";
        List<ZipEntry> days = new ArrayList<>();
        var all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (!e.isDirectory()
                    && e.getName().startsWith(folder)
                    && e.getName().endsWith(".json")
                    && e.getName().indexOf('/', folder.length()) < 0) {
                days.add(e);
            }
        }
        days.sort(Comparator.comparing(ZipEntry::getName));
        Map<String, String> userNames = new HashMap<>();
        users.forEach((id, u) -> userNames.put(id, u.name()));
        int outOfRange = 0;
        for (ZipEntry day : days) {
            if (outside(day.getName().substring(folder.length()), from, to)) {
                continue;
            }
            try (InputStream in = zip.getInputStream(day)) {
                outOfRange += readDay(in, day.getName(), channelId, users, userNames, channels, from, to, sink);
            }
        }
        return outOfRange;
    }

    /** Skips a daily file whose whole day (with a day's margin for time zones) is outside the range. */
    private static boolean outside(String fileName, Instant from, Instant to) {
        try {
            LocalDate date = LocalDate.parse(fileName.substring(0, fileName.length() - ".json".length()));
            Instant start = date.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = date.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
            return (from != null && !end.isAfter(from)) || (to != null && !start.isBefore(to));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static int readDay(
            InputStream in,
            String file,
            String channelId,
            Map<String, SlackUser> users,
            Map<String, String> userNames,
            Map<String, String> channels,
            Instant from,
            Instant to,
            Consumer<Line> sink) {
        int outOfRange = 0;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw Broken.at(file, p.currentTokenLocation().getLineNr(), "expected a JSON array of messages");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw Broken.at(file, p.currentLocation().getLineNr(), "the file ends inside the array");
                }
                long line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw Broken.at(file, line, "expected a message object");
                }
                JsonNode m = JSON.readTree(p);
                Line read = message(m, file, line, channelId, users, userNames, channels);
                if (read == null) {
                    continue;
                }
                if ((from != null && read.at().isBefore(from))
                        || (to != null && !read.at().isBefore(to))) {
                    outOfRange++;
                    continue;
                }
                sink.accept(read);
            }
            if (p.nextToken() != null) {
                throw Broken.at(file, p.currentTokenLocation().getLineNr(), "unexpected content after the array");
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw Broken.at(file, line, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return outOfRange;
    }

    private static Line message(
            JsonNode m,
            String file,
            long line,
            String channelId,
            Map<String, SlackUser> users,
            Map<String, String> userNames,
            Map<String, String> channels) {
        String subtype = text(m, "subtype");
        if ("message_changed".equals(subtype) && m.path("message").isObject()) {
            JsonNode inner = m.get("message");
            if (!inner.has("ts") && m.has("ts")) {
                return message(withTs(inner, m), file, line, channelId, users, userNames, channels);
            }
            return message(inner, file, line, channelId, users, userNames, channels);
        }
        if ("message_deleted".equals(subtype) || "tombstone".equals(subtype) || "channel_archive".equals(subtype)) {
            return null;
        }
        String ts = text(m, "ts");
        if (ts == null) {
            throw Broken.at(file, line, "a message without a ts");
        }
        Instant at = instant(ts, file, line);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("slack_ts", ts);
        String userId = text(m, "user");
        SlackUser user = userId == null ? null : users.get(userId);
        String name;
        String email = null;
        if ("bot_message".equals(subtype) || (userId == null && (m.has("bot_id") || m.has("username")))) {
            name = firstNonBlank(text(m, "username"), text(m.path("bot_profile"), "name"), text(m, "bot_id"), "bot");
            data.put("bot", "true");
            userId = null;
        } else if (user != null) {
            name = user.name();
            email = user.email();
        } else {
            name = firstNonBlank(
                    text(m.path("user_profile"), "real_name"), text(m.path("user_profile"), "name"), userId, "unknown");
        }
        String body = Mrkdwn.toText(text(m, "text"), userNames, channels);
        if ("channel_join".equals(subtype) || "channel_leave".equals(subtype)) {
            data.put("event", subtype.substring("channel_".length()));
        }
        String threadTs = text(m, "thread_ts");
        if (threadTs != null && !threadTs.equals(ts)) {
            data.put("thread_ts", threadTs);
            body = "↳ " + body;
        } else if (m.path("reply_count").asInt(0) > 0) {
            data.put("replies", String.valueOf(m.path("reply_count").asInt()));
        }
        if (m.path("edited").isObject()) {
            data.put("edited", "true");
        }
        JsonNode files = m.path("files");
        if (files.isArray()) {
            StringBuilder refs = new StringBuilder();
            for (JsonNode f : files) {
                String title = firstNonBlank(text(f, "title"), text(f, "name"), "file");
                String link = firstNonBlank(text(f, "permalink"), text(f, "url_private"), "");
                refs.append("\n[file: ")
                        .append(title)
                        .append(link.isEmpty() ? "" : " " + link)
                        .append(']');
            }
            body = body + refs;
        }
        JsonNode attachments = m.path("attachments");
        if (body.isBlank() && attachments.isArray() && !attachments.isEmpty()) {
            body = firstNonBlank(text(attachments.get(0), "fallback"), text(attachments.get(0), "text"), "");
        }
        body = body.strip();
        if (body.isEmpty()) {
            return null;
        }
        if (body.length() > 20000) {
            body = body.substring(0, 19990) + " […]";
        }
        return new Line("slack:" + channelId + ":" + ts, userId, name, email, body, at, data);
    }

    private static JsonNode withTs(JsonNode inner, JsonNode outer) {
        var copy = ((tools.jackson.databind.node.ObjectNode) inner).deepCopy();
        copy.put("ts", outer.get("ts").asString());
        return copy;
    }

    private static Instant instant(String ts, String file, long line) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            long whole = seconds.longValue();
            long micros = seconds.subtract(BigDecimal.valueOf(whole))
                    .movePointRight(6)
                    .longValue();
            if (whole < 0 || whole > 32503680000L) {
                throw Broken.at(file, line, "ts " + ts + " is not a time");
            }
            return Instant.ofEpochSecond(whole, micros * 1000);
        } catch (NumberFormatException | ArithmeticException e) {
            throw Broken.at(file, line, "ts " + ts + " is not a time");
        }
    }

    private static String rootOf(ZipFile zip) {
        ZipEntry channels = zip.getEntry("channels.json");
        if (channels != null) {
            return "";
        }
        var all = zip.entries();
        String best = null;
        while (all.hasMoreElements()) {
            String name = all.nextElement().getName();
            if (name.endsWith("/channels.json") && (best == null || name.length() < best.length())) {
                best = name;
            }
        }
        if (best == null) {
            throw Broken.at("the upload", 0, "not a Slack export: no channels.json in the ZIP");
        }
        return best.substring(0, best.length() - "channels.json".length());
    }

    private static Map<String, SlackUser> readUsers(ZipFile zip, String prefix) throws IOException {
        Map<String, SlackUser> users = new HashMap<>();
        ZipEntry entry = zip.getEntry(prefix + "users.json");
        if (entry == null) {
            return users;
        }
        eachObject(zip, entry, (u, line) -> {
            String id = text(u, "id");
            if (id != null) {
                JsonNode profile = u.path("profile");
                String name = firstNonBlank(
                        text(u, "real_name"),
                        text(profile, "real_name"),
                        text(profile, "display_name"),
                        text(u, "name"),
                        id);
                users.put(id, new SlackUser(id, name, text(profile, "email")));
            }
        });
        return users;
    }

    private static Map<String, String> readChannels(ZipFile zip, String prefix) throws IOException {
        Map<String, String> channels = new LinkedHashMap<>();
        ZipEntry entry = zip.getEntry(prefix + "channels.json");
        eachObject(zip, entry, (c, line) -> {
            String id = text(c, "id");
            String name = text(c, "name");
            if (id == null || name == null) {
                throw Broken.at(entry.getName(), line, "a channel needs an id and a name");
            }
            channels.put(id, name);
        });
        return channels;
    }

    private interface ObjectSink {
        void accept(JsonNode node, long line);
    }

    private static void eachObject(ZipFile zip, ZipEntry entry, ObjectSink sink) throws IOException {
        try (InputStream in = zip.getInputStream(entry);
                JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw Broken.at(entry.getName(), p.currentTokenLocation().getLineNr(), "expected a JSON array");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                long line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw Broken.at(entry.getName(), line, "expected an object");
                }
                sink.accept(JSON.readTree(p), line);
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw Broken.at(entry.getName(), line, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String names(Map<String, String> channels) {
        return channels.isEmpty() ? "no channels" : String.join(", ", channels.values());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainer()) {
            return null;
        }
        String s = v.asString();
        return s == null || s.isBlank() ? null : s;
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
