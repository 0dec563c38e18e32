package dev.cairn.insights.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Role;
import dev.cairn.incident.Severities;
import dev.cairn.insights.InsightsFilter;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Reads the filter parameters every insights view and API shares, with a 400 that names the
 * parameter for anything malformed. Dates are days in UTC; {@code to} is inclusive.
 */
@Component
class Params {

    static final Duration DEFAULT_RANGE = Duration.ofDays(90);
    static final Duration MAX_RANGE = Duration.ofDays(3660);

    private final Severities severities;
    private final Clock clock;

    Params(Severities severities, Clock clock) {
        this.severities = severities;
        this.clock = clock;
    }

    /** Insights are for responders and admins; viewers (stakeholders) see incidents, not people's load. */
    static void requireReader(Actor actor) {
        if (actor.role() == Role.VIEWER) {
            throw new ForbiddenException("Insights are for responders and admins");
        }
    }

    InsightsFilter filter(String from, String to, String team, String service, String severity, String drills) {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate toDay = blank(to) ? today : day(to, "to");
        LocalDate fromDay = blank(from) ? toDay.minusDays(DEFAULT_RANGE.toDays() - 1) : day(from, "from");
        if (fromDay.isAfter(toDay)) {
            throw new InvalidInputException("to", "must not be before from");
        }
        Instant start = fromDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("from", "must be at most 10 years before to");
        }
        String sev = null;
        if (!blank(severity)) {
            sev = severity.strip().toUpperCase(Locale.ROOT);
            severities.check(sev);
        }
        return new InsightsFilter(start, end, id(team, "team"), id(service, "service"), sev, drills(drills));
    }

    static boolean drills(String value) {
        if (blank(value) || "exclude".equalsIgnoreCase(value.strip())) {
            return false;
        }
        if ("only".equalsIgnoreCase(value.strip())) {
            return true;
        }
        throw new InvalidInputException("drills", "must be one of exclude, only");
    }

    static boolean csv(String format) {
        if (blank(format) || "json".equalsIgnoreCase(format.strip())) {
            return false;
        }
        if ("csv".equalsIgnoreCase(format.strip())) {
            return true;
        }
        throw new InvalidInputException("format", "must be one of json, csv");
    }

    static Long id(String value, String name) {
        if (blank(value)) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a positive number (an id)");
        }
    }

    static Long seconds(String value, String name) {
        if (blank(value)) {
            return null;
        }
        try {
            long s = Long.parseLong(value.strip());
            if (s < 0) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a number of seconds, 0 or more");
        }
    }

    private static LocalDate day(String value, String name) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be a date like 2026-01-31");
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
