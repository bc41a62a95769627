package io.trackerhub.v5;

import io.trackerhub.events.vocabulary.StoryStates;
import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Story;
import io.trackerhub.events.rest.TrackerHttp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The story filters of {@code GET /projects/{id}/stories}, read once from the query: {@code with_state},
 * {@code with_story_type}, {@code with_label}, {@code updated_after}, {@code created_after}, and the search
 * {@code filter} with {@code state:}, {@code type:}, {@code label:}, {@code id:}, free words and
 * {@code includedone:true} (a search leaves accepted stories out unless told otherwise, as Tracker's did).
 *
 * <p>A server holding its stories in memory filters with {@link #test}; one holding them in a database reads the
 * parsed parts ({@link #terms()} and the rest) and asks its database the same question.
 */
public record StoryFilter(String state, String type, String label, Instant updatedAfter, Instant createdAfter, List<Term> terms,
                          boolean leavesAcceptedOut) implements Predicate<Story> {

    public static final List<String> TYPES = List.of("feature", "bug", "chore", "release");
    public static final List<String> STATES = StoryStates.ALL;

    private static final Pattern TERM = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)|(\"[^\"]*\"|\\S+)");
    /** What may go with {@code filter}: Tracker's docs name limit and offset; envelope and date_format only shape the answer. */
    private static final Set<String> BESIDE_SEARCH = Set.of(TrackerHttp.LIMIT, TrackerHttp.OFFSET, "envelope", TrackerHttp.DATE_FORMAT);

    /** One condition of a search: the story matches when one of {@code values} fits; every term must hold. */
    public record Term(Kind kind, List<String> values) {
    }

    /** What a term looks at; {@code WORDS} is text without a key, matched within the story's name. */
    public enum Kind { STATE, TYPE, LABEL, ID, WORDS }

    /** Whether the listing is Tracker's search: a {@code filter} that says something. */
    public static boolean isSearch(TrackerQuery query) {
        String search = query.get("filter");
        return search != null && !search.isBlank();
    }

    /** Tracker's docs: {@code filter} "cannot be used together with any other parameters except limit and offset". */
    public static void requireSearchAlone(TrackerQuery query) {
        List<String> others = query.params().keySet().stream().filter(name -> !name.equals("filter") && !BESIDE_SEARCH.contains(name))
                .sorted().toList();
        if (!others.isEmpty()) {
            throw TrackerException.invalid("filter cannot be used together with " + String.join(", ", others)
                    + "; only limit, offset, envelope and date_format may go with it (put the conditions into the filter, e.g. state:started)");
        }
    }

    /** The filters of a query; a value Tracker would refuse is its 400. */
    public static StoryFilter of(TrackerQuery query) {
        String state = query.get("with_state");
        if (state != null) {
            check(STATES, "with_state", state);
        }
        String type = query.get("with_story_type");
        if (type != null) {
            check(TYPES, "with_story_type", type);
        }
        List<Term> terms = new ArrayList<>();
        boolean leavesAcceptedOut = false;
        if (isSearch(query)) {
            String filter = query.get("filter");
            boolean includeDone = false;
            Matcher m = TERM.matcher(filter);
            while (m.find()) {
                String key = m.group(1);
                String value = unquote(key == null ? m.group(3) : m.group(2));
                if (key == null) {
                    terms.add(new Term(Kind.WORDS, List.of(value.toLowerCase())));
                    continue;
                }
                switch (key) {
                    case "includedone" -> includeDone = Boolean.parseBoolean(value);
                    case "state" -> terms.add(new Term(Kind.STATE, checked(STATES, "filter state:", value)));
                    case "type", "story_type" -> terms.add(new Term(Kind.TYPE, checked(TYPES, "filter type:", value)));
                    case "label" -> terms.add(new Term(Kind.LABEL, List.of(value)));
                    case "id" -> terms.add(new Term(Kind.ID, ids(value)));
                    default -> throw TrackerException.invalid("filter term '" + key + ":' is not one this server knows; use state:, type:, label:, id: or includedone:true");
                }
            }
            leavesAcceptedOut = !includeDone && !filter.contains("state:");
        }
        return new StoryFilter(state, type, query.get("with_label"), query.time("updated_after"), query.time("created_after"),
                List.copyOf(terms), leavesAcceptedOut);
    }

    @Override
    public boolean test(Story s) {
        if (state != null && !state.equals(s.currentState()) || type != null && !type.equals(s.storyType())
                || label != null && !hasLabel(s, label)) {
            return false;
        }
        if (updatedAfter != null && (s.updatedAt() == null || !s.updatedAt().isAfter(updatedAfter))
                || createdAfter != null && (s.createdAt() == null || !s.createdAt().isAfter(createdAfter))) {
            return false;
        }
        if (leavesAcceptedOut && "accepted".equals(s.currentState())) {
            return false;
        }
        return terms.stream().allMatch(term -> term.values().stream().anyMatch(value -> matches(term.kind(), value, s)));
    }

    private static boolean matches(Kind kind, String value, Story s) {
        return switch (kind) {
            case STATE -> value.equals(s.currentState());
            case TYPE -> value.equals(s.storyType());
            case LABEL -> hasLabel(s, value);
            case ID -> value.equals(String.valueOf(s.id()));
            case WORDS -> s.name() != null && s.name().toLowerCase().contains(value);
        };
    }

    private static boolean hasLabel(Story s, String name) {
        return s.labels() != null && s.labels().stream().map(Label::name).anyMatch(name::equalsIgnoreCase);
    }

    private static List<String> checked(List<String> allowed, String parameter, String values) {
        List<String> all = List.of(values.split(","));
        all.forEach(v -> check(allowed, parameter, v));
        return all;
    }

    /** Story ids of {@code id:}; one that is not a number matches no story, as no story has such an id. */
    private static List<String> ids(String values) {
        return List.of(values.split(","));
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
