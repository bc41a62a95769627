package io.trackerhub.v5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Story;

import java.util.List;

/** A story as the API shows it: its default fields plus those asked for with {@code fields=} (owners, tasks…). */
public final class StoryView {

    /** What a story refers to, as the server holding it knows it. */
    public interface Related {
        /** A person as Tracker showed one ({@code kind: person}), or null when unknown. */
        JsonNode person(long personId);

        /** The story's tasks, in Tracker's representation. */
        JsonNode tasks(long storyId);

        /** The story's comments, in Tracker's representation. */
        JsonNode comments(long storyId);
    }

    private StoryView() {
    }

    public static ObjectNode of(Story story, Fields fields, Related related) {
        ObjectNode full = TrackerJson.toTree(story);
        return fields.select(full, name -> switch (name) {
            case "owned_by" -> story.ownerIds().isEmpty() ? null : related.person(story.ownerIds().get(0));
            case "owners" -> people(related, story.ownerIds());
            case "requested_by" -> story.requestedById() == null ? null : related.person(story.requestedById());
            case "label_ids" -> {
                ArrayNode ids = TrackerJson.mapper().createArrayNode();
                story.labels().forEach(l -> ids.add(l.id()));
                yield ids;
            }
            case "follower_ids", "blocked_story_ids" -> TrackerJson.mapper().createArrayNode();
            case "owned_by_id" -> story.ownerIds().isEmpty() ? null : full.numberNode(story.ownerIds().get(0));
            case "tasks" -> related.tasks(story.id());
            case "comments" -> related.comments(story.id());
            default -> null;
        });
    }

    public static ArrayNode people(Related related, List<Long> ids) {
        ArrayNode out = TrackerJson.mapper().createArrayNode();
        for (long id : ids) {
            JsonNode person = related.person(id);
            if (person != null) {
                out.add(person);
            }
        }
        return out;
    }
}
