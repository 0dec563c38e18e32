package dev.cairn.transcript.web;

import dev.cairn.shared.InvalidInputException;
import dev.cairn.transcript.ImportKind;
import dev.cairn.transcript.ImportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.multipart.MultipartFile;

/** Shared by the API and the pages: the upload on disk and the request's fields. */
final class Uploads {

    private Uploads() {}

    static Path toTempFile(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "is required");
        }
        try {
            Path tmp = Files.createTempFile("cairn-import-", ".upload");
            file.transferTo(tmp);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is removed by the system
        }
    }

    static ImportRequest request(
            String kind, String channel, String from, String to, String startedAt, List<String> speakers) {
        Map<String, Long> mapped = new LinkedHashMap<>();
        if (speakers != null) {
            for (String s : speakers) {
                int eq = s.lastIndexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException("speakers", "each must be name=userId");
                }
                String value = s.substring(eq + 1).strip();
                if (!value.isEmpty()) {
                    try {
                        mapped.put(s.substring(0, eq).strip(), Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("speakers", "each must be name=userId");
                    }
                }
            }
        }
        return new ImportRequest(
                ImportKind.parse(kind),
                channel,
                time("from", from, false),
                time("to", to, true),
                time("startedAt", startedAt, false),
                mapped);
    }

    /** An instant, a local date-time (UTC) or a date (its start; for {@code to}, the next day's). */
    static Instant time(String field, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    LocalDate date = LocalDate.parse(v);
                    return (end ? date.plusDays(1) : date)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                } catch (DateTimeParseException e3) {
                    throw new InvalidInputException(field, "must be an ISO-8601 time or date");
                }
            }
        }
    }
}
