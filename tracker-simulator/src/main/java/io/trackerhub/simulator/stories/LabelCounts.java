package io.trackerhub.simulator.stories;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Story;
import io.trackerhub.simulator.world.ProjectState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label {@code counts} changes that ride along with a story change in Tracker's activity: one {@code label}
 * {@code update} per label whose story counts the change altered, before the story's own change, shaped as in
 * fixtures/tracker/rest-v5/cassettes/get_project_activity.json (46 of its 81 activities carry them).
 */
final class LabelCounts {

    /** Tracker's order of the states inside a {@code counts_by_story_state}. */
    private static final List<String> STATES = List.of("accepted", "started", "finished", "unstarted", "planned", "delivered",
            "unscheduled", "rejected");
    private static final List<String> MEASURES = List.of("number_of_zero_point_stories_by_state", "sum_of_story_estimates_by_state",
            "number_of_stories_by_state");
    private static final int ZERO_POINT = 0;
    private static final int ESTIMATES = 1;
    private static final int STORIES = 2;

    private LabelCounts() {
    }

    /**
     * The label changes of a change that turned {@code before} into {@code after} (a create has no before, a delete no
     * after); {@code project} already shows the project after the change.
     */
    static List<Change> of(ProjectState.View project, Collection<Story> before, Collection<Story> after) {
        Map<Long, Label> labels = new LinkedHashMap<>();
        before.forEach(s -> s.labels().forEach(l -> labels.putIfAbsent(l.id(), l)));
        after.forEach(s -> s.labels().forEach(l -> labels.putIfAbsent(l.id(), l)));
        if (labels.isEmpty()) {
            return List.of();
        }
        Map<Long, double[][]> now = new LinkedHashMap<>();
        labels.keySet().forEach(id -> now.put(id, new double[MEASURES.size()][STATES.size()]));
        for (Story story : project.stories()) {
            story.labels().forEach(l -> add(now.get(l.id()), story, 1));
        }
        List<Change> changes = new ArrayList<>();
        for (Label label : labels.values()) {
            // the counts before, from those after: the changed stories taken out as they are now and put back as they were
            double[][] then = copy(now.get(label.id()));
            after.stream().filter(s -> hasLabel(s, label.id())).forEach(s -> add(then, s, -1));
            before.stream().filter(s -> hasLabel(s, label.id())).forEach(s -> add(then, s, 1));
            if (!Arrays.deepEquals(then, now.get(label.id()))) {
                changes.add(new Change("label", Change.UPDATE, label.id(), label.name(), null, counts(then), counts(now.get(label.id())), Map.of()));
            }
        }
        return changes;
    }

    /** Adds one story to a label's tally; an unestimated story counts as zero points (a started bug did in the recording). */
    private static void add(double[][] tally, Story story, int sign) {
        int state = STATES.indexOf(story.currentState());
        if (tally == null || state < 0) {
            return;
        }
        double estimate = story.estimate() == null ? 0 : story.estimate();
        if (estimate == 0) {
            tally[ZERO_POINT][state] += sign;
        }
        tally[ESTIMATES][state] += sign * estimate;
        tally[STORIES][state] += sign;
    }

    private static boolean hasLabel(Story story, long labelId) {
        return story.labels().stream().anyMatch(l -> l.id() == labelId);
    }

    private static double[][] copy(double[][] tally) {
        return Arrays.stream(tally).map(double[]::clone).toArray(double[][]::new);
    }

    /** {@code {"counts": {"number_of_zero_point_stories_by_state": {"accepted": 0, …, "kind": "counts_by_story_state"}, …, "kind": "story_counts"}}}. */
    private static ObjectNode counts(double[][] tally) {
        ObjectNode values = TrackerJson.mapper().createObjectNode();
        ObjectNode counts = values.putObject("counts");
        for (int m = 0; m < MEASURES.size(); m++) {
            ObjectNode byState = counts.putObject(MEASURES.get(m));
            for (int s = 0; s < STATES.size(); s++) {
                double value = tally[m][s];
                if (value == Math.rint(value)) {
                    byState.put(STATES.get(s), (long) value);
                } else {
                    byState.put(STATES.get(s), value);
                }
            }
            byState.put("kind", "counts_by_story_state");
        }
        counts.put("kind", "story_counts");
        return values;
    }
}
