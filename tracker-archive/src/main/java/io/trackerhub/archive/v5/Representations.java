package io.trackerhub.archive.v5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.archive.store.Epic;
import io.trackerhub.archive.store.Person;
import io.trackerhub.archive.store.Story;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.rest.Label;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The archive's rows as Tracker's v5 resources, in the shapes of the recorded answers (fixtures/tracker/rest-v5).
 * The export gives comments, tasks and blockers no ids: each gets {@code story id × 10,000 + place}, the same on
 * every read and every re-import (a story has fewer than 10,000 of each).
 */
final class Representations {

    static final long ARCHIVE_PERSON = 70_000_000L;
    private static final long PER_STORY = 10_000L;

    private Representations() {
    }

    static io.trackerhub.events.rest.Story story(Story s, Map<String, Label> labels) {
        List<Label> own = new ArrayList<>();
        for (String name : s.labels) {
            Label label = labels.get(name.toLowerCase(Locale.ROOT));
            if (label != null) {
                own.add(label);
            }
        }
        Map<String, JsonNode> others = new java.util.LinkedHashMap<>();
        if (s.storyPriority != null) {
            others.put("story_priority", TrackerJson.mapper().getNodeFactory().textNode(s.storyPriority));
        }
        Instant created = s.createdAt != null ? s.createdAt : s.updatedAt;
        return new io.trackerhub.events.rest.Story("story", s.id, s.projectId, s.name, s.description, s.storyType, s.currentState,
                s.estimate == null ? null : s.estimate.doubleValue(), s.acceptedAt, s.deadline, s.requestedById,
                s.ownerIds.isEmpty() ? null : s.ownerIds.get(0), List.copyOf(s.ownerIds), null, own, null, null, null, s.url,
                null, null, null, created, s.updatedAt, others);
    }

    static ObjectNode person(Person p) {
        return TrackerJson.mapper().createObjectNode().put("kind", "person").put("id", p.id).put("name", p.name)
                .put("initials", p.initials).put("username", p.username);
    }

    static ArrayNode comments(Story s) {
        ArrayNode out = TrackerJson.mapper().createArrayNode();
        for (int i = 0; i < s.comments.size(); i++) {
            Story.Comment c = s.comments.get(i);
            String at = c.createdOn == null ? time(s.createdAt) : time(c.createdOn);
            ObjectNode comment = out.addObject().put("kind", "comment").put("id", childId(s.id, i)).put("story_id", s.id).put("text", c.text);
            if (c.personId != null) {
                comment.put("person_id", c.personId);
            }
            comment.put("created_at", at).put("updated_at", at);
        }
        return out;
    }

    static ArrayNode tasks(Story s) {
        ArrayNode out = TrackerJson.mapper().createArrayNode();
        for (int i = 0; i < s.tasks.size(); i++) {
            Story.Task t = s.tasks.get(i);
            out.addObject().put("kind", "task").put("id", childId(s.id, i)).put("story_id", s.id).put("description", t.description)
                    .put("complete", t.complete).put("position", i + 1).put("created_at", time(s.createdAt)).put("updated_at", time(s.updatedAt));
        }
        return out;
    }

    static ArrayNode blockers(Story s) {
        ArrayNode out = TrackerJson.mapper().createArrayNode();
        for (int i = 0; i < s.blockers.size(); i++) {
            Story.Blocker b = s.blockers.get(i);
            out.addObject().put("kind", "blocker").put("id", childId(s.id, i)).put("story_id", s.id).put("description", b.description)
                    .put("resolved", b.resolved).put("created_at", time(s.createdAt)).put("updated_at", time(s.updatedAt));
        }
        return out;
    }

    static ArrayNode reviews(Story s) {
        ArrayNode out = TrackerJson.mapper().createArrayNode();
        for (int i = 0; i < s.reviews.size(); i++) {
            Story.Review r = s.reviews.get(i);
            ObjectNode review = out.addObject().put("kind", "review").put("id", childId(s.id, i)).put("story_id", s.id);
            if (r.reviewerId != null) {
                review.put("reviewer_id", r.reviewerId);
            }
            review.put("review_type", r.reviewType).put("status", r.status == null ? null : r.status.toLowerCase(Locale.ROOT).replace(' ', '_'))
                    .put("created_at", time(s.createdAt)).put("updated_at", time(s.updatedAt));
        }
        return out;
    }

    static ObjectNode epic(Epic e, Label label) {
        ObjectNode epic = TrackerJson.mapper().createObjectNode().put("kind", "epic").put("id", e.id).put("project_id", e.projectId)
                .put("name", e.name);
        if (e.description != null) {
            epic.put("description", e.description);
        }
        if (e.url != null) {
            epic.put("url", e.url);
        }
        if (label != null) {
            epic.set("label", TrackerJson.toTree(label));
        }
        Instant created = e.createdAt != null ? e.createdAt : e.updatedAt;
        return epic.put("created_at", time(created)).put("updated_at", time(e.updatedAt));
    }

    private static long childId(long storyId, int place) {
        return storyId * PER_STORY + place;
    }

    static String time(Instant at) {
        return at == null ? null : Timestamps.format(at);
    }

    static String time(LocalDate day) {
        return day == null ? null : Timestamps.format(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
