package io.trackerhub.v5;

import io.trackerhub.events.rest.Pagination;
import io.trackerhub.events.rest.TrackerHttp;

import java.util.List;

/**
 * One page of a paginated list as Tracker cut it: {@code limit} defaults to 100 and is capped at 500 without a word,
 * {@code offset} past the end gives an empty page, negative values are a 400 (except where Tracker counted from the
 * end: done iterations).
 */
public record Page<T>(List<T> items, Pagination pagination) {

    /** The page a query asks for, checked and capped; a server that cuts the page itself (e.g. in SQL) starts here. */
    public record Bounds(int limit, int offset) {

        /** The pagination of a page cut at these bounds, with {@code returned} items of {@code total}. */
        public Pagination pagination(Integer total, int returned) {
            return new Pagination(total, limit, offset, returned);
        }
    }

    public static Bounds bounds(TrackerQuery query, int maxPageSize) {
        return bounds(query, maxPageSize, false, TrackerHttp.DEFAULT_LIMIT);
    }

    public static Bounds bounds(TrackerQuery query, int maxPageSize, boolean offsetFromEnd, int defaultLimit) {
        int limit = query.integer(TrackerHttp.LIMIT, defaultLimit);
        int offset = query.integer(TrackerHttp.OFFSET, 0);
        if (limit < 0) {
            throw TrackerException.invalid("limit must be greater than or equal to 0, got " + limit);
        }
        if (offset < 0 && !offsetFromEnd) {
            throw TrackerException.invalid("offset must be greater than or equal to 0, got " + offset);
        }
        return new Bounds(Math.min(limit, Math.min(TrackerHttp.MAX_LIMIT, maxPageSize)), offset);
    }

    public static <T> Page<T> of(List<T> all, TrackerQuery query, int maxPageSize) {
        return of(all, query, maxPageSize, false);
    }

    public static <T> Page<T> of(List<T> all, TrackerQuery query, int maxPageSize, boolean offsetFromEnd) {
        return of(all, query, maxPageSize, offsetFromEnd, TrackerHttp.DEFAULT_LIMIT);
    }

    public static <T> Page<T> of(List<T> all, TrackerQuery query, int maxPageSize, boolean offsetFromEnd, int defaultLimit) {
        Bounds bounds = bounds(query, maxPageSize, offsetFromEnd, defaultLimit);
        int total = all.size();
        int offset = bounds.offset();
        int from = offset < 0 ? Math.max(0, total + offset) : Math.min(offset, total);
        int to = Math.min(from + bounds.limit(), total);
        List<T> items = all.subList(from, to);
        return new Page<>(items, bounds.pagination(total, items.size()));
    }
}
