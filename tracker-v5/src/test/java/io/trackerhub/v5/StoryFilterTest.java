package io.trackerhub.v5;

import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Story;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The filter grammar read once, and the same answers from the parsed parts as from the predicate. */
class StoryFilterTest {

    static TrackerQuery query(String... pairs) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.add(pairs[i], pairs[i + 1]);
        }
        return new TrackerQuery(params);
    }

    static Story story(long id, String name, String type, String state, String... labels) {
        List<Label> own = java.util.Arrays.stream(labels).map(l -> new Label("label", 1L, 1L, l, null, null, Map.of())).toList();
        return new Story("story", id, 1L, name, null, type, state, null, null, null, null, null, List.of(), null, own, null, null, null, null,
                null, null, null, null, null, Map.of());
    }

    @Test
    void aSearchIsReadIntoTermsAndLeavesAcceptedStoriesOutUnlessToldOtherwise() {
        StoryFilter filter = StoryFilter.of(query("filter", "state:started,finished label:\"needs review\" login"));
        assertThat(filter.terms()).containsExactly(
                new StoryFilter.Term(StoryFilter.Kind.STATE, List.of("started", "finished")),
                new StoryFilter.Term(StoryFilter.Kind.LABEL, List.of("needs review")),
                new StoryFilter.Term(StoryFilter.Kind.WORDS, List.of("login")));
        assertThat(filter.leavesAcceptedOut()).as("a search naming state: says which states it wants").isFalse();
        assertThat(filter.test(story(1, "Login page", "feature", "started", "Needs Review"))).isTrue();
        assertThat(filter.test(story(2, "Login page", "feature", "unstarted", "needs review"))).isFalse();
        assertThat(filter.test(story(3, "Signup", "feature", "finished", "needs review"))).isFalse();

        StoryFilter bugs = StoryFilter.of(query("filter", "type:bug"));
        assertThat(bugs.leavesAcceptedOut()).isTrue();
        assertThat(bugs.test(story(4, "x", "bug", "accepted"))).isFalse();
        assertThat(StoryFilter.of(query("filter", "type:bug includedone:true")).test(story(4, "x", "bug", "accepted"))).isTrue();
        assertThat(StoryFilter.of(query("filter", "id:4,5 includedone:true")).test(story(5, "x", "chore", "accepted"))).isTrue();
    }

    @Test
    void valuesTrackerRefusedAreItsFourHundred() {
        assertThatThrownBy(() -> StoryFilter.of(query("with_state", "doing"))).isInstanceOf(TrackerException.class)
                .hasFieldOrPropertyWithValue("status", 400);
        assertThatThrownBy(() -> StoryFilter.of(query("filter", "state:doing"))).hasMessageContaining("invalid");
        assertThatThrownBy(() -> StoryFilter.of(query("filter", "owner:me"))).isInstanceOf(TrackerException.class);
        assertThatThrownBy(() -> StoryFilter.requireSearchAlone(query("filter", "type:bug", "with_state", "started")))
                .isInstanceOf(TrackerException.class);
        StoryFilter.requireSearchAlone(query("filter", "type:bug", "limit", "5", "offset", "10", "envelope", "true"));
    }

    @Test
    void pageBoundsAreCheckedAndCappedAsTrackerDid() {
        assertThat(Page.bounds(query("limit", "900"), Integer.MAX_VALUE)).isEqualTo(new Page.Bounds(500, 0));
        assertThat(Page.bounds(query(), 50)).isEqualTo(new Page.Bounds(50, 0));
        assertThatThrownBy(() -> Page.bounds(query("offset", "-1"), 500)).isInstanceOf(TrackerException.class);
        assertThat(Page.of(List.of(1, 2, 3, 4, 5), query("offset", "-2"), 500, true).items()).containsExactly(4, 5);
        assertThat(Page.of(List.of(1, 2, 3), query("offset", "7"), 500).pagination().returned()).isZero();
    }
}
