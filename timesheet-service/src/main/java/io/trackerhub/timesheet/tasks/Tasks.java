package io.trackerhub.timesheet.tasks;

import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.timesheet.users.User;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads tasks and decides who may track on what. A user may track on a task when it and its project are not
 * archived and the user is assigned to it or to a task above it; every user starts assigned to all roots
 * ({@code app_user.tracker_root}), as in TimeCamp.
 */
@ApplicationScoped
public class Tasks {

    /** t = the task, p = its parent, g = its grandparent; {@code path} from the root down. */
    static final String SELECT = "select t.id, t.kind, t.parent_id, t.integration_id, t.tracker_id, t.name, t.story_type, "
            + "t.current_state, t.estimate, t.url, t.archived_at, t.archived_reason, t.updated_at, "
            + "concat_ws(' / ', g.name, p.name, t.name) as path, "
            + "(t.archived_at is not null or (p.id is not null and p.archived_at is not null)) as archived_effective "
            + "from task t left join task p on p.id = t.parent_id left join task g on g.id = p.parent_id ";

    /** Where user ? (twice) may track: assigned to all roots, or to the task, its parent or its grandparent. */
    static final String ASSIGNED = "(exists (select 1 from app_user u where u.id = ? and u.tracker_root) "
            + "or exists (select 1 from assignment a where a.user_id = ? and a.task_id in (t.id, t.parent_id, p.parent_id)))";

    static final String OPEN = "t.archived_at is null and (p.id is null or p.archived_at is null)";

    private final Sql sql;

    public Tasks(Sql sql) {
        this.sql = sql;
    }

    public Optional<Task> find(long id) {
        return sql.one(SELECT + "where t.id = ?", Tasks::read, id);
    }

    /** Open tasks {@code user} may track on whose name contains {@code search} or whose Tracker id it is. */
    public List<Task> trackable(User user, String search, int limit) {
        String term = search == null ? "" : search.trim();
        String digits = term.startsWith("#") ? term.substring(1) : term;
        Long trackerId = digits.matches("\\d{1,18}") ? Long.parseLong(digits) : null;
        String like = "%" + term.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return sql.list(SELECT + "where " + OPEN + " and " + ASSIGNED
                        + " and (lower(t.name) like ? or t.tracker_id = ?) "
                        + "order by (t.tracker_id is not distinct from ?) desc, (t.kind = 'story') desc, t.updated_at desc, t.id limit ?",
                Tasks::read, user.id(), user.id(), like, trackerId, trackerId, limit);
    }

    /** Whether {@code user} is assigned to the task or above it (archived or not). */
    public boolean assigned(User user, long taskId) {
        return sql.count("select count(*) from task t left join task p on p.id = t.parent_id where t.id = ? and " + ASSIGNED,
                taskId, user.id(), user.id()) > 0;
    }

    public List<Task> roots() {
        return sql.list(SELECT + "where t.kind = 'root' order by t.integration_id", Tasks::read);
    }

    public List<Long> integrations() {
        return sql.list("select integration_id from task where kind = 'root' order by integration_id", rs -> rs.getLong(1));
    }

    static Task read(ResultSet rs) throws SQLException {
        return new Task(rs.getLong("id"), rs.getString("kind"), Sql.nullableLong(rs, "parent_id"), rs.getLong("integration_id"),
                Sql.nullableLong(rs, "tracker_id"), rs.getString("name"), rs.getString("path"), rs.getString("story_type"),
                rs.getString("current_state"), Sql.nullableDouble(rs, "estimate"), rs.getString("url"),
                rs.getBoolean("archived_effective"), rs.getString("archived_reason"), Sql.instant(rs, "archived_at"),
                Sql.instant(rs, "updated_at"));
    }
}
