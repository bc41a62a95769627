package io.trackerhub.events.rest;

import io.trackerhub.events.TrackerFormatException;

import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code X-Tracker-Pagination-*} headers of a paginated response. Trust these over what was
 * asked: the server may return fewer than the limit requested. {@code offset} can be negative for
 * {@code scope=done} iterations (counted from the end).
 */
public record Pagination(int total, int limit, int offset, int returned) {

    /**
     * Read from response headers, {@code header} giving a header's value or null
     * (e.g. {@code response::getHeaderString}). Empty when the response is not paginated.
     */
    public static Optional<Pagination> from(Function<String, String> header) {
        String total = header.apply(TrackerHttp.PAGINATION_TOTAL);
        if (total == null) {
            return Optional.empty();
        }
        return Optional.of(new Pagination(
                number(TrackerHttp.PAGINATION_TOTAL, total),
                number(TrackerHttp.PAGINATION_LIMIT, header.apply(TrackerHttp.PAGINATION_LIMIT)),
                number(TrackerHttp.PAGINATION_OFFSET, header.apply(TrackerHttp.PAGINATION_OFFSET)),
                number(TrackerHttp.PAGINATION_RETURNED, header.apply(TrackerHttp.PAGINATION_RETURNED))));
    }

    /** Whether items remain after this page; a negative offset counts from the end, so the end is 0 then. */
    public boolean hasMore() {
        return offset < 0 ? offset + returned < 0 : offset + returned < total;
    }

    /** The offset of the next page. */
    public int nextOffset() {
        return offset + returned;
    }

    private static int number(String name, String value) {
        if (value == null) {
            throw TrackerFormatException.at("header " + name, "is missing");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw TrackerFormatException.at("header " + name, "must be an integer, got \"" + value + "\"");
        }
    }
}
