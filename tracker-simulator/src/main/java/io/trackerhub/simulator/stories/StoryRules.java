package io.trackerhub.simulator.stories;

import io.trackerhub.events.rest.Project;

import java.util.Arrays;
import java.util.Set;

/** What Tracker accepted as story values. */
final class StoryRules {

    /** States whose change Tracker called by the state's verb, e.g. "started this feature". */
    static final Set<String> VERB_STATES = Set.of("started", "finished", "delivered", "accepted", "rejected", "unstarted", "unscheduled", "planned");

    private StoryRules() {
    }

    static boolean estimable(Project project, String storyType) {
        if ("feature".equals(storyType)) {
            return true;
        }
        return !"release".equals(storyType) && project.others().containsKey("bugs_and_chores_are_estimatable")
                && project.others().get("bugs_and_chores_are_estimatable").asBoolean(false);
    }

    static boolean onPointScale(Project project, double estimate) {
        String scale = project.pointScale() == null ? "0,1,2,3" : project.pointScale();
        return Arrays.stream(scale.split(",")).map(String::trim).anyMatch(p -> Double.parseDouble(p) == estimate);
    }

    static String points(double estimate) {
        String number = estimate == Math.rint(estimate) ? String.valueOf((long) estimate) : String.valueOf(estimate);
        return number + (estimate == 1 ? " point" : " points");
    }
}
