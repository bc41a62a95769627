package io.trackerhub.timesheet.tasks;

import io.quarkus.panache.common.Sort;
import io.trackerhub.timesheet.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads tasks and decides who may track on what. A user may track on a task when it and its project are not
 * archived and the user is assigned to it or to a task above it; every user starts assigned to all roots
 * ({@code app_user.tracker_root}), as in TimeCamp.
 */
@ApplicationScoped
public class Tasks {

    /** t = the task, p = its parent, g = its grandparent. */
    private static final String WITH_PARENTS = "select t, p, g from Task t left join Task p on p.id = t.parentId "
            + "left join Task g on g.id = p.parentId ";

    /** Where :user may track: assigned to all roots, or to the task, its parent or its grandparent. */
    private static final String ASSIGNED = "(exists (select 1 from User u where u.id = :user and u.trackerRoot = true) "
            + "or exists (select 1 from Assignment a where a.key.userId = :user and a.key.taskId in (t.id, t.parentId, p.parentId)))";

    private static final String OPEN = "t.archivedAt is null and (p.id is null or p.archivedAt is null)";

    @Transactional
    public Optional<TaskView> find(long id) {
        return Task.<Task>findByIdOptional(id).map(Tasks::view);
    }

    /** Open tasks {@code user} may track on whose name contains {@code search} or whose Tracker id it is. */
    @Transactional
    public List<TaskView> trackable(User user, String search, int limit) {
        String term = search == null ? "" : search.trim();
        String digits = term.startsWith("#") ? term.substring(1) : term;
        Long trackerId = digits.matches("\\d{1,18}") ? Long.parseLong(digits) : null;
        String like = "%" + term.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        // the Tracker id searched for first (no id: the roots), then stories, then the recently changed
        return Task.getEntityManager().createQuery(WITH_PARENTS + "where " + OPEN + " and " + ASSIGNED
                        + " and (lower(t.name) like :like escape '\\' or t.trackerId = :trackerId) "
                        + "order by case when t.trackerId is not distinct from :trackerId then 0 else 1 end, "
                        + "case when t.kind = 'story' then 0 else 1 end, t.updatedAt desc, t.id", Object[].class)
                .setParameter("user", user.id).setParameter("like", like).setParameter("trackerId", trackerId)
                .setMaxResults(limit).getResultList().stream().map(Tasks::view).toList();
    }

    /** Whether {@code user} is assigned to the task or above it (archived or not). */
    @Transactional
    public boolean assigned(User user, long taskId) {
        return Task.getEntityManager().createQuery("select count(*) from Task t left join Task p on p.id = t.parentId where t.id = :task and "
                        + ASSIGNED, Long.class)
                .setParameter("task", taskId).setParameter("user", user.id).getSingleResult() > 0;
    }

    @Transactional
    public List<TaskView> roots() {
        return Task.<Task>list("kind", Sort.by("integrationId"), Task.ROOT).stream().map(Tasks::view).toList();
    }

    /** The tasks explicitly assigned to a user. */
    @Transactional
    public List<TaskView> assignedTo(long userId) {
        return Task.<Task>list("id in (select a.key.taskId from Assignment a where a.key.userId = ?1)", Sort.by("id"), userId).stream()
                .map(Tasks::view).toList();
    }

    @Transactional
    public List<Long> integrations() {
        return Task.<Task>list("kind", Sort.by("integrationId"), Task.ROOT).stream().map(t -> t.integrationId).toList();
    }

    /** The API's view of a task: parent and grandparent are looked up in the session (each loaded once). */
    static TaskView view(Task t) {
        Task parent = t.parentId == null ? null : Task.findById(t.parentId);
        Task grandparent = parent == null || parent.parentId == null ? null : Task.findById(parent.parentId);
        return TaskView.of(t, parent, grandparent);
    }

    private static TaskView view(Object[] row) {
        return TaskView.of((Task) row[0], (Task) row[1], (Task) row[2]);
    }
}
