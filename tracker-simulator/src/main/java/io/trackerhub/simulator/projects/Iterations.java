package io.trackerhub.simulator.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.Story;
import io.trackerhub.simulator.world.ProjectState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Iterations computed from the stories, as Tracker's automatic planning laid them out: numbered weeks from the
 * project's {@code start_time}; done iterations hold the stories accepted in them, the current one the stories in
 * progress, the backlog the unstarted ones cut by the project's velocity.
 */
final class Iterations {

    private Iterations() {
    }

    static List<ObjectNode> of(ProjectState.View view, String scope) {
        Project project = view.project();
        int length = project.iterationLength() == null ? 1 : project.iterationLength();
        Instant start = project.startTime() == null ? project.createdAt() : project.startTime();
        Duration iteration = Duration.ofDays(7L * length);
        int current = project.currentIterationNumber() != null ? project.currentIterationNumber()
                : (int) (Duration.between(start, Instant.now()).toDays() / (7L * length)) + 1;
        double velocity = project.others().containsKey("initial_velocity") ? project.others().get("initial_velocity").asDouble(10) : 10;
        List<Story> stories = view.stories();
        List<ObjectNode> all = new ArrayList<>();
        if (scope == null || scope.equals("done")) {
            for (int n = 1; n < current; n++) {
                Instant from = start.plus(iteration.multipliedBy(n - 1));
                Instant to = from.plus(iteration);
                all.add(iteration(project, n, length, from, to, stories.stream()
                        .filter(s -> "accepted".equals(s.currentState()) && s.acceptedAt() != null
                                && !s.acceptedAt().isBefore(from) && s.acceptedAt().isBefore(to)).toList()));
            }
        }
        Instant currentStart = start.plus(iteration.multipliedBy(current - 1));
        if (scope == null || scope.equals("current") || scope.equals("current_backlog")) {
            all.add(iteration(project, current, length, currentStart, currentStart.plus(iteration), stories.stream()
                    .filter(s -> List.of("started", "finished", "delivered", "rejected").contains(s.currentState())
                            || "accepted".equals(s.currentState()) && s.acceptedAt() != null && !s.acceptedAt().isBefore(currentStart))
                    .toList()));
        }
        if (scope == null || scope.equals("backlog") || scope.equals("current_backlog")) {
            List<Story> chunk = new ArrayList<>();
            double points = 0;
            int n = current + 1;
            for (Story s : stories.stream().filter(s -> "unstarted".equals(s.currentState()) || "planned".equals(s.currentState())).toList()) {
                double estimate = s.estimate() == null ? 0 : s.estimate();
                if (!chunk.isEmpty() && points + estimate > velocity) {
                    Instant from = start.plus(iteration.multipliedBy(n - 1));
                    all.add(iteration(project, n++, length, from, from.plus(iteration), chunk));
                    chunk = new ArrayList<>();
                    points = 0;
                }
                chunk.add(s);
                points += estimate;
            }
            if (!chunk.isEmpty()) {
                Instant from = start.plus(iteration.multipliedBy(n - 1));
                all.add(iteration(project, n, length, from, from.plus(iteration), chunk));
            }
        }
        return all;
    }

    private static ObjectNode iteration(Project project, int number, int length, Instant start, Instant finish, List<Story> stories) {
        ObjectNode node = TrackerJson.mapper().createObjectNode();
        node.put("number", number).put("project_id", project.id()).put("length", length).put("team_strength", 1);
        var items = node.putArray("stories");
        double points = 0;
        double accepted = 0;
        for (Story s : stories) {
            items.add(TrackerJson.toTree(s));
            double estimate = s.estimate() == null ? 0 : s.estimate();
            points += estimate;
            accepted += "accepted".equals(s.currentState()) ? estimate : 0;
        }
        node.put("start", Timestamps.format(start)).put("finish", Timestamps.format(finish)).put("kind", "iteration");
        // only with fields=: kept out of the default representation by ProjectsResource
        node.put("velocity", 10.0).put("points", points).put("accepted_points", accepted).put("effective_points", points);
        return node;
    }
}
