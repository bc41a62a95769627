package io.trackerhub.events.rest;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A loop over pages ends on what was returned, whatever the total says (null, absent, empty or stale). */
class PaginationTest {

    @Test
    void aPageWithoutTotalIsStillAPage() {
        Pagination absent = page(null, "500", "0", "500").orElseThrow();
        Pagination empty = page("", "500", "500", "12").orElseThrow();
        Pagination nullText = page("null", "100", "0", "7").orElseThrow();

        assertThat(absent.total()).isNull();
        assertThat(absent.hasMore()).isTrue();
        assertThat(empty.total()).isNull();
        assertThat(empty.hasMore()).isFalse();
        assertThat(nullText.totalOr(-1)).isEqualTo(-1);
        assertThat(nullText.hasMore()).isFalse();
    }

    @Test
    void aStaleTotalNeitherEndsNorProlongsTheLoop() {
        // total 3 counted before a delete, 2 returned: the end
        assertThat(page("3", "100", "0", "2").orElseThrow().hasMore()).isFalse();
        // total 5 counted before two creates: a full page at offset 5 still asks for the next
        assertThat(page("5", "5", "5", "5").orElseThrow().hasMore()).isTrue();
        // the recorded last page of 70 stories by 7 (client_get_all_stories_with_pagination): full, so one more ask
        Pagination last = page("70", "7", "63", "7").orElseThrow();
        assertThat(last.hasMore()).isTrue();
        assertThat(last.nextOffset()).isEqualTo(70);
        assertThat(page("70", "7", "70", "0").orElseThrow().hasMore()).isFalse();
    }

    @Test
    void doneIterationsCountFromTheEnd() {
        assertThat(page("12", "5", "-7", "5").orElseThrow().hasMore()).isTrue();
        assertThat(page("12", "5", "-2", "2").orElseThrow().hasMore()).isFalse();
    }

    @Test
    void anAnswerWithoutPaginationHeadersIsNotPaged() {
        assertThat(page(null, null, null, null)).isEmpty();
    }

    private static Optional<Pagination> page(String total, String limit, String offset, String returned) {
        Map<String, String> headers = new HashMap<>();
        headers.put(TrackerHttp.PAGINATION_TOTAL, total);
        headers.put(TrackerHttp.PAGINATION_LIMIT, limit);
        headers.put(TrackerHttp.PAGINATION_OFFSET, offset);
        headers.put(TrackerHttp.PAGINATION_RETURNED, returned);
        return Pagination.from(headers::get);
    }
}
