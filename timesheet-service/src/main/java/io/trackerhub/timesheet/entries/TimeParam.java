package io.trackerhub.timesheet.entries;

import io.trackerhub.kit.errors.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Times in requests: ISO-8601 with an offset ({@code 2026-11-23T09:00:00+01:00}), or a date for a range's ends. */
public final class TimeParam {

    private TimeParam() {
    }

    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required, an ISO-8601 time with offset, e.g. 2026-11-23T09:00:00+01:00");
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "'" + value + "' is not an ISO-8601 time with offset, e.g. 2026-11-23T09:00:00+01:00");
        }
    }

    /**
     * One end of a range: a date (the start of that day in {@code zone}, or the start of the next day when
     * {@code inclusiveEnd}) or an ISO-8601 time with offset. Null stays null.
     */
    public static Instant boundary(String field, String value, ZoneId zone, boolean inclusiveEnd) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() == 10) {
            try {
                LocalDate date = LocalDate.parse(v);
                return (inclusiveEnd ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(field, "'" + value + "' is not a date like 2026-11-23");
            }
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "'" + value + "' is neither a date like 2026-11-23 nor a time with offset like 2026-11-23T09:00:00+01:00");
        }
    }

    public static ZoneId zone(String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("tz", "'" + value + "' is not a time zone like Europe/Berlin or +01:00");
        }
    }
}
