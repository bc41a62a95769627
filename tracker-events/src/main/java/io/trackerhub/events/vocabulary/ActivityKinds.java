package io.trackerhub.events.vocabulary;

import java.util.List;

/** The activity {@code kind}s the hub acts on, as Tracker's activity web hooks and API v5 spell them. */
public final class ActivityKinds {

    public static final String STORY_CREATE = "story_create_activity";
    public static final String STORY_UPDATE = "story_update_activity";
    public static final String STORY_DELETE = "story_delete_activity";
    /** A story moved within its project (a new position). */
    public static final String STORY_MOVE = "story_move_activity";
    /** A story arrived from another project (sent to the project it joined). */
    public static final String STORY_MOVE_INTO = "story_move_into_project_activity";
    /** A story left for another project (sent to the project it left, with a delete change). */
    public static final String STORY_MOVE_FROM = "story_move_from_project_activity";
    public static final String COMMENT_CREATE = "comment_create_activity";
    public static final String COMMENT_UPDATE = "comment_update_activity";
    public static final String COMMENT_DELETE = "comment_delete_activity";
    public static final String TASK_CREATE = "task_create_activity";
    public static final String TASK_UPDATE = "task_update_activity";
    public static final String EPIC_CREATE = "epic_create_activity";
    public static final String EPIC_UPDATE = "epic_update_activity";

    /** The three kinds a story's move produces. */
    public static final List<String> STORY_MOVES = List.of(STORY_MOVE, STORY_MOVE_INTO, STORY_MOVE_FROM);

    /** The suffix every activity kind has. */
    public static final String SUFFIX = "_activity";

    private ActivityKinds() {
    }
}
