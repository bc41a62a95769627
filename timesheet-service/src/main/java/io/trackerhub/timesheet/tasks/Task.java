package io.trackerhub.timesheet.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A task of the timesheet: the "Pivotal Tracker" root of an integration, a Tracker project under it, or a story
 * under its project. {@code trackerId} is the project or story id in Tracker; {@code path} reads
 * "Pivotal Tracker / Project / Story". Archived tasks take no new time; their past entries stay.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(long id, String kind, Long parentId, long integrationId, Long trackerId, String name, String path,
                   String storyType, String currentState, Double estimate, String url, boolean archived,
                   String archivedReason, Instant archivedAt, Instant updatedAt) {

    public static final String ROOT = "root";
    public static final String PROJECT = "project";
    public static final String STORY = "story";
    public static final String ROOT_NAME = "Pivotal Tracker";
}
