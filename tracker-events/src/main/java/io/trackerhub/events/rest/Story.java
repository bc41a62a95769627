package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A story ({@code /projects/{id}/stories}, {@code /stories/{id}}). Every field may be absent when
 * the request chose {@code fields=}. {@code estimate} is a number because point scales may be
 * custom; {@code owned_by}, {@code owners} and {@code requested_by} only come with {@code fields=}.
 */
@TrackerResource
public record Story(
        String kind,
        Long id,
        Long projectId,
        String name,
        String description,
        String storyType,
        String currentState,
        Double estimate,
        @TrackerTime Instant acceptedAt,
        @TrackerTime Instant deadline,
        Long requestedById,
        Long ownedById,
        List<Long> ownerIds,
        List<Long> labelIds,
        List<Label> labels,
        List<Long> followerIds,
        Long beforeId,
        Long afterId,
        String url,
        Person requestedBy,
        Person ownedBy,
        List<Person> owners,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Story {
        ownerIds = ReadOnly.list(ownerIds);
        labelIds = ReadOnly.list(labelIds);
        labels = ReadOnly.list(labels);
        followerIds = ReadOnly.list(followerIds);
        owners = ReadOnly.list(owners);
        others = ReadOnly.fields(others);
    }
}
