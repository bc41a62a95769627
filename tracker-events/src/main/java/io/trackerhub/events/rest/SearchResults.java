package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;

import java.util.List;
import java.util.Map;

/**
 * A search's answer ({@code GET /projects/{id}/search?query=…}), as recorded in 2017 and 2018
 * ({@code fixtures/tracker/rest-v5/search/}): no {@code kind} on the envelope or its containers, no pagination headers,
 * and counts that need not agree with what was returned (one epic returned, {@code total_hits_with_done: 0}). Every
 * count may be absent; none is a loop's end.
 */
@TrackerResource
public record SearchResults(
        StoryHits stories,
        EpicHits epics,
        String query,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public SearchResults {
        others = ReadOnly.fields(others);
    }

    /** The stories found, with Tracker's counts of them. */
    @TrackerResource
    public record StoryHits(
            List<Story> stories,
            Double totalPoints,
            Double totalPointsCompleted,
            Integer totalHits,
            Integer totalHitsWithDone,
            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

        public StoryHits {
            stories = ReadOnly.list(stories);
            others = ReadOnly.fields(others);
        }
    }

    /** The epics found, with Tracker's counts of them. */
    @TrackerResource
    public record EpicHits(
            List<Epic> epics,
            Integer totalHits,
            Integer totalHitsWithDone,
            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

        public EpicHits {
            epics = ReadOnly.list(epics);
            others = ReadOnly.fields(others);
        }
    }
}
