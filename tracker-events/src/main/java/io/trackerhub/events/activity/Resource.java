package io.trackerhub.events.activity;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;

import java.util.Map;

/**
 * A reference to a Tracker resource: an activity's {@code project}, {@code primary_resources} and
 * {@code secondary_resources}, a notification's {@code project} and {@code story}. {@code id} is
 * null when Tracker sent none (a {@code project_membership_create_activity} names the person but
 * not an id); {@code story_type} and {@code url} only come with stories and epics.
 */
@TrackerResource
public record Resource(
        String kind,
        Long id,
        String name,
        String storyType,
        String url,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Resource {
        others = ReadOnly.fields(others);
    }

    /** {@code {kind: project, id}}, the least an activity says about its project. */
    public static Resource project(long id) {
        return new Resource("project", id, null, null, null, Map.of());
    }

    /** A story as Tracker links it, with the browser URL Tracker uses in v5 activity. */
    public static Resource story(long id, String name, String storyType) {
        return new Resource("story", id, name, storyType, storyUrl(id), Map.of());
    }

    public static String storyUrl(long storyId) {
        return "https://www.pivotaltracker.com/story/show/" + storyId;
    }
}
