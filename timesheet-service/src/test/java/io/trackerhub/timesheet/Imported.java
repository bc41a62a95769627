package io.trackerhub.timesheet;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** A project with stories imported through tracker.projects / tracker.stories, as tests start from. */
public record Imported(long integration, long projectId, long projectTask, long[] storyIds, long[] storyTasks) {

    /** Publishes a project and {@code names.length} started stories and waits until they can be tracked on. */
    public static Imported project(String projectName, String... names) {
        long integration = Hub.id();
        long project = Hub.id();
        Hub.publishProject(integration, Hub.project(project, projectName), 1);
        long[] ids = new long[names.length];
        long[] tasks = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            ids[i] = Hub.id();
            Hub.publishStory(integration, Hub.story(ids[i], project, names[i], "started"), 1);
        }
        for (int i = 0; i < names.length; i++) {
            tasks[i] = id(awaitTask("story", ids[i]));
        }
        return new Imported(integration, project, id(awaitTask("project", project)), ids, tasks);
    }

    public long story(int i) {
        return storyTasks[i];
    }

    static Map<String, Object> awaitTask(String kind, long trackerId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Hub.taskOf(kind, trackerId), Optional::isPresent).orElseThrow();
    }

    static long id(Map<String, Object> task) {
        return ((Number) task.get("id")).longValue();
    }
}
