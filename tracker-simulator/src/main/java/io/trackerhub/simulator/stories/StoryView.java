package io.trackerhub.simulator.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Story;
import io.trackerhub.simulator.api.Fields;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;

import java.util.List;

/** A story as the API shows it: its default fields plus those asked for with {@code fields=} (owners, tasks…). */
final class StoryView {

    private StoryView() {
    }

    static ObjectNode of(Story story, Fields fields, ProjectState.View project, World world) {
        ObjectNode full = TrackerJson.toTree(story);
        return fields.select(full, name -> switch (name) {
            case "owned_by" -> story.ownerIds().isEmpty() ? null : person(world, story.ownerIds().get(0));
            case "owners" -> people(world, story.ownerIds());
            case "requested_by" -> story.requestedById() == null ? null : person(world, story.requestedById());
            case "label_ids" -> {
                ArrayNode ids = TrackerJson.mapper().createArrayNode();
                story.labels().forEach(l -> ids.add(l.id()));
                yield ids;
            }
            case "follower_ids", "blocked_story_ids" -> TrackerJson.mapper().createArrayNode();
            case "owned_by_id" -> story.ownerIds().isEmpty() ? null : full.numberNode(story.ownerIds().get(0));
            case "tasks" -> TrackerJson.mapper().valueToTree(project.tasks(story.id()));
            case "comments" -> TrackerJson.mapper().valueToTree(project.storyComments(story.id()));
            default -> null;
        });
    }

    static JsonNode person(World world, long personId) {
        return world.person(personId).<JsonNode>map(TrackerJson::toTree).orElse(null);
    }

    static ArrayNode people(World world, List<Long> ids) {
        ArrayNode out = TrackerJson.mapper().createArrayNode();
        ids.forEach(id -> world.person(id).ifPresent(p -> out.add(TrackerJson.toTree(p))));
        return out;
    }
}
