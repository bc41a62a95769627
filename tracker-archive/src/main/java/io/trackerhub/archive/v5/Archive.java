package io.trackerhub.archive.v5;

import io.trackerhub.archive.store.Epic;
import io.trackerhub.archive.store.Person;
import io.trackerhub.archive.store.Project;
import io.trackerhub.archive.store.Story;
import io.trackerhub.events.rest.Label;
import io.trackerhub.v5.StoryFilter;
import io.trackerhub.v5.TrackerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the v5 API reads from the archive's tables: filters and pages are the database's work, not the heap's. */
@ApplicationScoped
public class Archive {

    private final EntityManager em;

    public Archive(EntityManager em) {
        this.em = em;
    }

    /** A project, or Tracker's 404 (every token reads every archived project). */
    public Project project(long projectId) {
        Project project = Project.findById(projectId);
        if (project == null) {
            throw TrackerException.unfound();
        }
        return project;
    }

    public List<Project> projects() {
        return Project.list("order by id");
    }

    /** The project's labels by lower-case name. */
    public Map<String, Label> labels(long projectId) {
        Map<String, Label> labels = new LinkedHashMap<>();
        List<?> rows = em.createNativeQuery("select id, name, created_at from label where project_id = ?1 order by lower(name)")
                .setParameter(1, projectId).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            Instant at = instant(r[2]);
            labels.put(((String) r[1]).toLowerCase(Locale.ROOT), new Label("label", ((Number) r[0]).longValue(), projectId, (String) r[1], at, at, Map.of()));
        }
        return labels;
    }

    public Map<Long, Person> people(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Person.<Person>list("id in ?1", List.copyOf(ids)).stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
    }

    /** Each member of the project: membership id, role and person. */
    public record Member(long id, String role, Person person, Instant since) {
    }

    public List<Member> members(Project project) {
        long projectId = project.id;
        List<?> rows = em.createNativeQuery("select m.id, m.role, m.person_id from membership m join person p on p.id = m.person_id "
                + "where m.project_id = ?1 order by p.name").setParameter(1, projectId).getResultList();
        List<Long> ids = rows.stream().map(r -> ((Number) ((Object[]) r)[2]).longValue()).toList();
        Map<Long, Person> people = people(ids);
        Instant since = project.importedAt;
        List<Member> members = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            members.add(new Member(((Number) r[0]).longValue(), (String) r[1], people.get(((Number) r[2]).longValue()), since));
        }
        return members;
    }

    /** What a project's stories say of it: first creation, first iteration start, last iteration number, iteration length. */
    public record Facts(Instant created, LocalDate start, Integer lastIteration, int iterationDays) {
    }

    public Facts facts(Project project) {
        Object[] row = (Object[]) em.createNativeQuery("select min(created_at), min(iteration_start), max(iteration), "
                        + "max(iteration_end - iteration_start) filter (where iteration_end > iteration_start) from story where project_id = ?1")
                .setParameter(1, project.id).getSingleResult();
        return new Facts(row[0] == null ? project.importedAt : instant(row[0]),
                row[1] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row[1],
                row[2] == null ? null : ((Number) row[2]).intValue(),
                row[3] == null ? 7 : ((Number) row[3]).intValue());
    }

    public List<Epic> epics(long projectId) {
        return Epic.list("projectId = ?1 order by id", projectId);
    }

    public Epic epic(long epicId) {
        Epic epic = Epic.findById(epicId);
        if (epic == null) {
            throw TrackerException.unfound();
        }
        return epic;
    }

    public Story story(long storyId) {
        Story story = Story.findById(storyId);
        if (story == null) {
            throw TrackerException.unfound();
        }
        return story;
    }

    /** The stories of a project that pass {@code filter}, by id: {@code limit} of them from {@code offset}, and how many pass. */
    public record StoryPage(List<Story> stories, int total) {
    }

    public StoryPage stories(long projectId, StoryFilter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder("project_id = :project");
        Map<String, Object> params = new HashMap<>();
        params.put("project", projectId);
        if (filter.state() != null) {
            where.append(" and current_state = :state");
            params.put("state", filter.state());
        }
        if (filter.type() != null) {
            where.append(" and story_type = :type");
            params.put("type", filter.type());
        }
        if (filter.label() != null) {
            where.append(" and exists (select 1 from unnest(labels) l where lower(l) = lower(:label))");
            params.put("label", filter.label());
        }
        if (filter.updatedAfter() != null) {
            where.append(" and updated_at > :updated");
            params.put("updated", Timestamp.from(filter.updatedAfter()));
        }
        if (filter.createdAfter() != null) {
            where.append(" and created_at > :created");
            params.put("created", Timestamp.from(filter.createdAfter()));
        }
        if (filter.leavesAcceptedOut()) {
            where.append(" and current_state <> 'accepted'");
        }
        int n = 0;
        for (StoryFilter.Term term : filter.terms()) {
            List<String> alternatives = new ArrayList<>();
            for (String value : term.values()) {
                alternatives.add(condition(term.kind(), "t" + n++, value, params));
            }
            where.append(" and (").append(String.join(" or ", alternatives)).append(')');
        }
        Query count = em.createNativeQuery("select count(*) from story where " + where);
        Query ids = em.createNativeQuery("select id from story where " + where + " order by id limit :limit offset :offset");
        params.forEach((name, value) -> {
            count.setParameter(name, value);
            ids.setParameter(name, value);
        });
        ids.setParameter("limit", limit).setParameter("offset", offset);
        int total = ((Number) count.getSingleResult()).intValue();
        List<Long> page = ids.getResultList().stream().map(id -> ((Number) id).longValue()).toList();
        return new StoryPage(byIds(page), total);
    }

    /** One alternative of a search term as SQL over {@code story}, its value bound as {@code :name}. */
    private static String condition(StoryFilter.Kind kind, String name, String value, Map<String, Object> params) {
        if (kind == StoryFilter.Kind.ID) {
            if (!value.matches("\\d{1,18}")) {
                return "false"; // no story has an id that is no number
            }
            params.put(name, Long.parseLong(value));
            return "id = :" + name;
        }
        params.put(name, value);
        return switch (kind) {
            case STATE -> "current_state = :" + name;
            case TYPE -> "story_type = :" + name;
            case LABEL -> "exists (select 1 from unnest(labels) l where lower(l) = lower(:" + name + "))";
            case WORDS -> "strpos(lower(name), :" + name + ") > 0";
            case ID -> throw new IllegalStateException("handled above");
        };
    }

    /** Stories by id, in the order of {@code ids}. */
    public List<Story> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Story> found = Story.<Story>list("id in ?1", ids).stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Every story of the project with an iteration number, by iteration. */
    public List<Story> iterationStories(long projectId) {
        return Story.list("projectId = ?1 and iteration is not null order by iteration, id", projectId);
    }

    /** The project's activity after {@code since} (null: all), newest first as Tracker's feeds were, and how many there are. */
    public record ActivityPage(List<io.trackerhub.archive.store.Activity> activities, int total) {
    }

    public ActivityPage activity(long projectId, Long since, Instant occurredAfter, Instant occurredBefore, int limit, int offset) {
        StringBuilder where = new StringBuilder("key.projectId = :project");
        Map<String, Object> params = new HashMap<>();
        params.put("project", projectId);
        if (since != null) {
            where.append(" and key.version > :since");
            params.put("since", since);
        }
        if (occurredAfter != null) {
            where.append(" and occurredAt > :after");
            params.put("after", occurredAfter);
        }
        if (occurredBefore != null) {
            where.append(" and occurredAt < :before");
            params.put("before", occurredBefore);
        }
        var count = em.createQuery("select count(a) from Activity a where " + where, Long.class);
        var list = em.createQuery("from Activity a where " + where + " order by key.version desc", io.trackerhub.archive.store.Activity.class);
        params.forEach((name, value) -> {
            count.setParameter(name, value);
            list.setParameter(name, value);
        });
        list.setFirstResult(offset).setMaxResults(limit);
        return new ActivityPage(list.getResultList(), count.getSingleResult().intValue());
    }

    /** A timestamp column as the JDBC driver hands it over (Hibernate 7 gives Instants, older ones Timestamps). */
    static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return null;
    }
}
