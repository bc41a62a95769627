package io.trackerhub.simulator.stories;

import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Story;
import io.trackerhub.events.rest.TrackerHttp;
import io.trackerhub.simulator.api.TrackerException;
import io.trackerhub.simulator.api.TrackerQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The story filters of {@code GET /projects/{id}/stories}: {@code with_state}, {@code with_story_type},
 * {@code with_label}, {@code updated_after}, {@code created_after}, and the search {@code filter} with
 * {@code state:}, {@code type:}, {@code label:} and {@code includedone:true} (a search leaves accepted stories out
 * unless told otherwise, as Tracker's did).
 */
final class StoryFilter {

    private static final Pattern TERM = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)|(\"[^\"]*\"|\\S+)");
    /** What may go with {@code filter}: Tracker's docs name limit and offset; envelope and date_format only shape the answer. */
    private static final Set<String> BESIDE_SEARCH = Set.of(TrackerHttp.LIMIT, TrackerHttp.OFFSET, "envelope", TrackerHttp.DATE_FORMAT);

    private StoryFilter() {
    }

    /** Whether the listing is Tracker's search: a {@code filter} that says something. */
    static boolean isSearch(TrackerQuery query) {
        String search = query.get("filter");
        return search != null && !search.isBlank();
    }

    /** Tracker's docs: {@code filter} "cannot be used together with any other parameters except limit and offset". */
    static void requireSearchAlone(TrackerQuery query) {
        List<String> others = query.params().keySet().stream().filter(name -> !name.equals("filter") && !BESIDE_SEARCH.contains(name))
                .sorted().toList();
        if (!others.isEmpty()) {
            throw TrackerException.invalid("filter cannot be used together with " + String.join(", ", others)
                    + "; only limit, offset, envelope and date_format may go with it (put the conditions into the filter, e.g. state:started)");
        }
    }

    static Predicate<Story> of(TrackerQuery query) {
        List<Predicate<Story>> all = new ArrayList<>();
        String state = query.get("with_state");
        if (state != null) {
            check(StoryRules.STATES, "with_state", state);
            all.add(s -> state.equals(s.currentState()));
        }
        String type = query.get("with_story_type");
        if (type != null) {
            check(StoryRules.TYPES, "with_story_type", type);
            all.add(s -> type.equals(s.storyType()));
        }
        String label = query.get("with_label");
        if (label != null) {
            all.add(hasLabel(label));
        }
        Instant updatedAfter = query.time("updated_after");
        if (updatedAfter != null) {
            all.add(s -> s.updatedAt() != null && s.updatedAt().isAfter(updatedAfter));
        }
        Instant createdAfter = query.time("created_after");
        if (createdAfter != null) {
            all.add(s -> s.createdAt() != null && s.createdAt().isAfter(createdAfter));
        }
        if (isSearch(query)) {
            all.add(search(query.get("filter")));
        }
        return all.stream().reduce(s -> true, Predicate::and);
    }

    private static Predicate<Story> search(String filter) {
        List<Predicate<Story>> terms = new ArrayList<>();
        boolean includeDone = false;
        Matcher m = TERM.matcher(filter);
        while (m.find()) {
            String key = m.group(1);
            String value = unquote(m.group(1) == null ? m.group(3) : m.group(2));
            if (key == null) {
                String words = value.toLowerCase();
                terms.add(s -> s.name() != null && s.name().toLowerCase().contains(words));
                continue;
            }
            switch (key) {
                case "includedone" -> includeDone = Boolean.parseBoolean(value);
                case "state" -> {
                    List<String> states = List.of(value.split(","));
                    states.forEach(v -> check(StoryRules.STATES, "filter state:", v));
                    terms.add(s -> states.contains(s.currentState()));
                }
                case "type", "story_type" -> {
                    List<String> types = List.of(value.split(","));
                    types.forEach(v -> check(StoryRules.TYPES, "filter type:", v));
                    terms.add(s -> types.contains(s.storyType()));
                }
                case "label" -> terms.add(hasLabel(value));
                case "id" -> terms.add(s -> List.of(value.split(",")).contains(String.valueOf(s.id())));
                default -> throw TrackerException.invalid("filter term '" + key + ":' is not one the simulator knows; use state:, type:, label:, id: or includedone:true");
            }
        }
        boolean done = includeDone;
        boolean namesState = filter.contains("state:");
        terms.add(s -> done || namesState || !"accepted".equals(s.currentState()));
        return terms.stream().reduce(s -> true, Predicate::and);
    }

    private static Predicate<Story> hasLabel(String name) {
        return s -> s.labels() != null && s.labels().stream().map(Label::name).anyMatch(name::equalsIgnoreCase);
    }

    private static void check(List<String> allowed, String parameter, String value) {
        if (!allowed.contains(value)) {
            throw TrackerException.invalid(parameter + " '" + value + "' is not one of " + String.join(", ", allowed));
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
