package io.trackerhub.archive.v5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.archive.store.Activity;
import io.trackerhub.archive.store.Epic;
import io.trackerhub.archive.store.Project;
import io.trackerhub.archive.store.Story;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Label;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Feed entries as Tracker's activity resources (shape of fixtures/tracker/moves and the recorded project feeds): the
 * change carries the story or epic as the archive holds it now, performed by the archive.
 */
final class Activities {

    private Activities() {
    }

    static List<ObjectNode> render(Project project, List<Activity> entries, Archive archive) {
        List<Long> storyIds = entries.stream().filter(a -> "story".equals(a.resourceKind)).map(a -> a.resourceId).distinct().toList();
        Map<Long, Story> stories = archive.byIds(storyIds).stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        List<Long> epicIds = entries.stream().filter(a -> "epic".equals(a.resourceKind)).map(a -> a.resourceId).distinct().toList();
        Map<Long, Epic> epics = epicIds.isEmpty() ? Map.of()
                : Epic.<Epic>list("id in ?1", epicIds).stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        Map<String, Label> labels = archive.labels(project.id);
        List<ObjectNode> out = new ArrayList<>();
        for (Activity a : entries) {
            ObjectNode activity = TrackerJson.mapper().createObjectNode().put("kind", a.kind).put("guid", project.id + "_" + a.key.version())
                    .put("project_version", a.key.version());
            ObjectNode change = TrackerJson.mapper().createObjectNode().put("kind", a.resourceKind).put("change_type", changeType(a.kind))
                    .put("id", a.resourceId);
            ObjectNode resource = TrackerJson.mapper().createObjectNode().put("kind", a.resourceKind).put("id", a.resourceId);
            String name;
            String what;
            if ("story".equals(a.resourceKind)) {
                Story s = stories.get(a.resourceId);
                name = s == null ? "story " + a.resourceId : s.name;
                what = s == null ? "story" : s.storyType;
                if (s != null && !"delete".equals(changeType(a.kind))) {
                    change.set("new_values", TrackerJson.toTree(Representations.story(s, labels)));
                }
                change.put("name", name);
                resource.put("name", name);
                if (s != null) {
                    change.put("story_type", s.storyType);
                    resource.put("story_type", s.storyType).put("url", s.url);
                }
            } else {
                Epic e = epics.get(a.resourceId);
                name = e == null ? "epic " + a.resourceId : e.name;
                what = "epic";
                if (e != null) {
                    Label label = e.label == null ? null : labels.get(e.label.toLowerCase(Locale.ROOT));
                    change.set("new_values", Representations.epic(e, label));
                }
                change.put("name", name);
                resource.put("name", name);
            }
            activity.put("message", "Tracker archive " + verb(a.kind) + " " + (a.kind.startsWith("story_move") ? "\"" + name + "\"" : "this " + what))
                    .put("highlight", verb(a.kind));
            activity.putArray("changes").add(change);
            activity.putArray("primary_resources").add(resource);
            activity.putObject("project").put("kind", "project").put("id", project.id).put("name", project.name);
            activity.putObject("performed_by").put("kind", "person").put("id", Representations.ARCHIVE_PERSON).put("name", "Tracker archive")
                    .put("initials", "TA");
            activity.put("occurred_at", Representations.time(a.occurredAt));
            out.add(activity);
        }
        return out;
    }

    private static String changeType(String kind) {
        return switch (kind) {
            case Activity.STORY_CREATE, Activity.EPIC_CREATE, Activity.STORY_MOVE_INTO -> "create";
            case Activity.STORY_MOVE_FROM -> "delete";
            default -> "update";
        };
    }

    private static String verb(String kind) {
        return switch (kind) {
            case Activity.STORY_CREATE, Activity.EPIC_CREATE -> "added";
            case Activity.STORY_MOVE_INTO, Activity.STORY_MOVE_FROM -> "moved";
            default -> "edited";
        };
    }
}
