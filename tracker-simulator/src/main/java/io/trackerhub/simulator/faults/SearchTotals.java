package io.trackerhub.simulator.faults;

import io.trackerhub.kit.errors.ProblemException;

import java.util.Arrays;
import java.util.Locale;

/** The {@code search_totals} fault: what a story search ({@code filter=}) answers as its pagination total. */
public enum SearchTotals {
    /** The number of matching stories, as a plain listing answers. */
    EXACT,
    /** No total: no {@code X-Tracker-Pagination-Total} header, {@code "total": null} in an envelope (the default). */
    ABSENT,
    /** The matching stories plus those deleted or moved away in the last 100 versions, as if the search index lagged. */
    STALE;

    static SearchTotals of(String value) {
        return Arrays.stream(values()).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("search_totals", "'" + value + "' is not one of exact, absent, stale"));
    }
}
