package io.trackerhub.notification.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.vocabulary.ActivityKinds;
import io.trackerhub.events.vocabulary.StoryStates;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a chat room reads for an activity, in Tracker's words: {@code James Kirk accepted "More power to shields"},
 * then the story's link. Comments are quoted, trimmed to {@value #MAX_QUOTE} characters. Only activity that one of
 * the {@link Publish} options covers has a text; never a raw dump of the activity.
 */
public final class ChatText {

    static final int MAX_QUOTE = 200;
    private static final String STORY_LINK = "https://www.pivotaltracker.com/story/show/";

    private ChatText() {
    }

    /** Which publish option covers this activity, if any. */
    public static Optional<Publish> classify(Activity activity) {
        switch (activity.kind()) {
            case ActivityKinds.STORY_CREATE:
                return Optional.of(Publish.NEW_STORIES);
            case ActivityKinds.COMMENT_CREATE:
                return comment(activity).isPresent() ? Optional.of(Publish.COMMENTS) : Optional.empty();
            case ActivityKinds.STORY_UPDATE:
                return newState(activity).isPresent() ? Optional.of(Publish.STATE_CHANGES) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** The text for a chat room, when one of {@code publish} covers the activity. */
    public static Optional<String> of(Activity activity, Set<Publish> publish) {
        return classify(activity).filter(publish::contains).map(kind -> text(activity, kind));
    }

    private static String text(Activity activity, Publish kind) {
        String who = activity.performedBy() == null || blank(activity.performedBy().name()) ? "Someone" : activity.performedBy().name().trim();
        return switch (kind) {
            case NEW_STORIES -> {
                Change story = activity.changesOf("story").stream().filter(c -> Change.CREATE.equals(c.changeType())).findFirst()
                        .orElse(activity.changesOf("story").isEmpty() ? null : activity.changesOf("story").get(0));
                Long id = story == null ? primaryStoryId(activity) : story.id();
                yield who + " added " + storyName(activity, id, story, "added") + link(activity, id);
            }
            case STATE_CHANGES -> {
                Change story = newState(activity).orElseThrow();
                String state = story.newValue("current_state").map(JsonNode::asText).orElseThrow();
                yield who + " " + state + " " + storyName(activity, story.id(), story, state) + link(activity, story.id());
            }
            case COMMENTS -> {
                Change comment = comment(activity).orElseThrow();
                Long id = comment.newValue("story_id").filter(JsonNode::canConvertToLong).map(JsonNode::asLong).orElse(primaryStoryId(activity));
                String quote = quote(comment.newValue("text").map(JsonNode::asText).orElse(""));
                yield who + " commented on " + storyName(activity, id, null, null) + ": \"" + quote + "\"" + link(activity, id);
            }
        };
    }

    private static Optional<Change> newState(Activity activity) {
        return activity.changesOf("story").stream()
                .filter(c -> c.newValue("current_state").map(JsonNode::asText).filter(StoryStates.WORKED::contains).isPresent())
                .findFirst();
    }

    private static Optional<Change> comment(Activity activity) {
        return activity.changesOf("comment").stream().filter(c -> Change.CREATE.equals(c.changeType())).findFirst();
    }

    private static Long primaryStoryId(Activity activity) {
        return storyResources(activity).stream().map(Resource::id).filter(id -> id != null).findFirst().orElse(null);
    }

    private static List<Resource> storyResources(Activity activity) {
        return activity.primaryResources() == null ? List.of()
                : activity.primaryResources().stream().filter(r -> "story".equals(r.kind())).toList();
    }

    private static String storyName(Activity activity, Long id, Change change, String verb) {
        Optional<String> name = storyResources(activity).stream().filter(r -> id == null || id.equals(r.id()))
                .map(Resource::name).filter(n -> !blank(n)).findFirst();
        if (name.isEmpty() && change != null && !blank(change.name())) {
            name = Optional.of(change.name());
        }
        if (name.isEmpty() && change != null) {
            name = change.newValue("name").map(JsonNode::asText).filter(n -> !blank(n));
        }
        if (name.isEmpty() && verb != null && activity.message() != null) {
            // v3 bodies name the story only in their description: Leo Franchi accepted "My new Feature story"
            Matcher quoted = Pattern.compile(" " + Pattern.quote(verb) + " \"(.+)\"$").matcher(activity.message().trim());
            if (quoted.find()) {
                name = Optional.of(quoted.group(1));
            }
        }
        if (name.isPresent()) {
            return "\"" + name.get().trim() + "\"";
        }
        return id == null ? "a story" : "story #" + id;
    }

    private static String link(Activity activity, Long id) {
        if (id == null) {
            return "";
        }
        Optional<String> url = storyResources(activity).stream().filter(r -> id.equals(r.id())).map(Resource::url)
                .filter(u -> !blank(u)).findFirst();
        return " " + url.orElse(STORY_LINK + id);
    }

    static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE - 1).trim() + "…";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
