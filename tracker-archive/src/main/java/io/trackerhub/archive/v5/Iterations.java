package io.trackerhub.archive.v5;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.archive.store.Story;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Label;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Iterations as the export numbered them ({@code Iteration}, {@code Iteration Start}, {@code Iteration End}). The
 * archive has no clock of its own: the current iteration is the first one holding a story not yet accepted (else the
 * last), those before it are done, those after it the backlog.
 */
final class Iterations {

    private Iterations() {
    }

    static List<ObjectNode> of(long projectId, List<Story> numbered, Map<String, Label> labels, String scope) {
        TreeMap<Integer, List<Story>> byNumber = new TreeMap<>();
        numbered.forEach(s -> byNumber.computeIfAbsent(s.iteration, n -> new ArrayList<>()).add(s));
        if (byNumber.isEmpty()) {
            return List.of();
        }
        int current = byNumber.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(s -> !"accepted".equals(s.currentState)))
                .map(Map.Entry::getKey).findFirst().orElse(byNumber.lastKey());
        List<ObjectNode> out = new ArrayList<>();
        byNumber.forEach((number, stories) -> {
            boolean wanted = scope == null
                    || scope.equals("done") && number < current
                    || scope.equals("current") && number == current
                    || scope.equals("backlog") && number > current
                    || scope.equals("current_backlog") && number >= current;
            if (wanted) {
                out.add(iteration(projectId, number, stories, labels));
            }
        });
        return out;
    }

    private static ObjectNode iteration(long projectId, int number, List<Story> stories, Map<String, Label> labels) {
        LocalDate start = stories.stream().map(s -> s.iterationStart).filter(d -> d != null).findFirst().orElse(null);
        LocalDate finish = stories.stream().map(s -> s.iterationEnd).filter(d -> d != null).findFirst().orElse(null);
        int weeks = start == null || finish == null ? 1 : (int) Math.max(1, Math.round(ChronoUnit.DAYS.between(start, finish) / 7.0));
        ObjectNode node = TrackerJson.mapper().createObjectNode();
        node.put("number", number).put("project_id", projectId).put("length", weeks).put("team_strength", 1);
        ArrayNode items = node.putArray("stories");
        stories.forEach(s -> items.add(TrackerJson.toTree(Representations.story(s, labels))));
        node.put("start", Representations.time(start)).put("finish", Representations.time(finish)).put("kind", "iteration");
        return node;
    }
}
