package io.trackerhub.events.rest;

import io.trackerhub.events.TrackerFormatException;

import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code X-Tracker-Pagination-*} headers of a paginated response. Trust these over what was asked: the server may
 * return fewer than the limit requested. {@code offset} can be negative for {@code scope=done} iterations (counted
 * from the end).
 *
 * <p>{@code total} is a hint, never the end of a loop: Tracker's searches answered {@code "total": null}, and a total
 * counted before a delete was stale (total 3, returned 2). It is null when the header is absent or empty; a page is
 * the last when it holds fewer items than the limit granted.
 */
public record Pagination(Integer total, int limit, int offset, int returned) {

    /**
     * Read from response headers, {@code header} giving a header's value or null
     * (e.g. {@code response::getHeaderString}). Empty when the response is not paginated (no limit echoed).
     */
    public static Optional<Pagination> from(Function<String, String> header) {
        String limit = header.apply(TrackerHttp.PAGINATION_LIMIT);
        String total = header.apply(TrackerHttp.PAGINATION_TOTAL);
        if (blank(limit) && blank(total)) {
            return Optional.empty();
        }
        return Optional.of(new Pagination(
                blank(total) || total.trim().equals("null") ? null : number(TrackerHttp.PAGINATION_TOTAL, total),
                number(TrackerHttp.PAGINATION_LIMIT, limit),
                number(TrackerHttp.PAGINATION_OFFSET, header.apply(TrackerHttp.PAGINATION_OFFSET)),
                number(TrackerHttp.PAGINATION_RETURNED, header.apply(TrackerHttp.PAGINATION_RETURNED))));
    }

    /**
     * Whether items may remain after this page: it was full (as many as the limit granted). A negative offset counts
     * from the end, so the end is 0 then. The total is not consulted: it may be null or stale.
     */
    public boolean hasMore() {
        return offset < 0 ? offset + returned < 0 : returned > 0 && returned >= limit;
    }

    /** The offset of the next page. */
    public int nextOffset() {
        return offset + returned;
    }

    /** The total when the server gave one, else {@code fallback}. */
    public int totalOr(int fallback) {
        return total == null ? fallback : total;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static int number(String name, String value) {
        if (blank(value)) {
            throw TrackerFormatException.at("header " + name, "is missing");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw TrackerFormatException.at("header " + name, "must be an integer, got \"" + value + "\"");
        }
    }
}
