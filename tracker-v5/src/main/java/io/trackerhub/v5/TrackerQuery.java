package io.trackerhub.v5;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import io.trackerhub.events.rest.TrackerHttp;

/** The query parameters every Tracker endpoint understands: {@code fields}, {@code date_format}, {@code envelope}, paging. */
public record TrackerQuery(MultivaluedMap<String, String> params) {

    /** The times a database (and Tracker) can hold: years 1 to 9999. */
    private static final java.time.Instant FIRST = java.time.Instant.parse("0001-01-01T00:00:00Z");
    private static final java.time.Instant LAST = java.time.Instant.parse("9999-12-31T23:59:59Z");

    public static TrackerQuery of(UriInfo uri) {
        return new TrackerQuery(uri.getQueryParameters());
    }

    public String get(String name) {
        return params.getFirst(name);
    }

    public Fields fields() {
        return Fields.parse(get(TrackerHttp.FIELDS));
    }

    public boolean millis() {
        return "millis".equals(get(TrackerHttp.DATE_FORMAT));
    }

    public boolean envelope() {
        return "true".equals(get("envelope"));
    }

    /** An integer parameter; absent gives {@code fallback}, a non-integer is Tracker's 400. */
    public Integer integer(String name, Integer fallback) {
        String value = get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw TrackerException.invalid(name + " must be an integer, got '" + value + "'");
        }
    }

    public Long longValue(String name) {
        String value = get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw TrackerException.invalid(name + " must be an integer, got '" + value + "'");
        }
    }

    /** A time parameter: epoch milliseconds or ISO-8601, as Tracker accepted both. */
    public java.time.Instant time(String name) {
        String value = get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            java.time.Instant time = value.chars().allMatch(Character::isDigit)
                    ? java.time.Instant.ofEpochMilli(Long.parseLong(value))
                    : java.time.OffsetDateTime.parse(value).toInstant();
            if (time.isBefore(FIRST) || time.isAfter(LAST)) {
                throw TrackerException.invalid(name + " must be within the years 1 to 9999, got '" + value + "'");
            }
            return time;
        } catch (TrackerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TrackerException.invalid(name + " must be epoch milliseconds or an ISO-8601 time like 2017-05-03T23:29:40Z, got '" + value + "'");
        }
    }
}
