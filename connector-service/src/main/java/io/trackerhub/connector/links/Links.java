package io.trackerhub.connector.links;

import io.trackerhub.connector.Database;
import io.trackerhub.kit.backfill.Backfills;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The links, in table {@code link}. */
@ApplicationScoped
public class Links {

    private static final String COLUMNS = "l.id, l.connector_id, c.type, l.project_id, l.story_id, l.external_id, l.external_url, "
            + "l.title, l.problem, l.problem_at, l.created_at";
    private static final String FROM = " from link l join connector c on c.id = l.connector_id ";

    private final Database db;
    private final Backfills backfills;

    public Links(Database db, Backfills backfills) {
        this.db = db;
        this.backfills = backfills;
    }

    /** The link as the API shows it, with its backfill's progress. */
    public LinkView view(Link link) {
        return LinkView.of(link, backfills.status(Link.BACKFILL, link.id()).orElse(null));
    }

    /** Links as the API lists them: their backfills read in one query. */
    public List<LinkView> views(List<Link> links) {
        Map<Long, Backfills.Status> statuses = backfills.statuses(Link.BACKFILL, links.stream().map(Link::id).toList());
        return links.stream().map(l -> LinkView.of(l, statuses.get(l.id()))).toList();
    }

    public long create(long connectorId, long projectId, long storyId, String externalId, String externalUrl, String title) {
        return db.queryOne("insert into link (connector_id, project_id, story_id, external_id, external_url, title) values (?, ?, ?, ?, ?, ?) "
                + "returning id", s -> {
            s.setLong(1, connectorId);
            s.setLong(2, projectId);
            s.setLong(3, storyId);
            s.setString(4, externalId);
            s.setString(5, externalUrl);
            s.setString(6, title);
        }, rs -> rs.getLong(1)).orElseThrow();
    }

    public Optional<Link> find(long id) {
        return db.queryOne("select " + COLUMNS + FROM + "where l.id = ?", s -> s.setLong(1, id), Links::read);
    }

    public Optional<Link> find(long connectorId, String externalId) {
        return db.queryOne("select " + COLUMNS + FROM + "where l.connector_id = ? and l.external_id = ?", s -> {
            s.setLong(1, connectorId);
            s.setString(2, externalId);
        }, Links::read);
    }

    public List<Link> ofStories(Collection<Long> storyIds) {
        if (storyIds.isEmpty()) {
            return List.of();
        }
        return db.query("select " + COLUMNS + FROM + "where l.story_id = any (?) order by l.id", s ->
                s.setArray(1, s.getConnection().createArrayOf("bigint", storyIds.toArray())), Links::read);
    }

    public List<Link> ofStory(long storyId) {
        return db.query("select " + COLUMNS + FROM + "where l.story_id = ? order by l.id", s -> s.setLong(1, storyId), Links::read);
    }

    public List<Link> ofExternalId(String externalId) {
        return db.query("select " + COLUMNS + FROM + "where l.external_id = ? order by l.id", s -> s.setString(1, externalId), Links::read);
    }

    public List<Link> ofConnector(long connectorId, int limit, int offset) {
        return db.query("select " + COLUMNS + FROM + "where l.connector_id = ? order by l.id limit ? offset ?", s -> {
            s.setLong(1, connectorId);
            s.setInt(2, limit);
            s.setInt(3, offset);
        }, Links::read);
    }

    /** Of {@code externalIds}, the ones this connector has linked. */
    public Set<String> linkedAmong(long connectorId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.query("select external_id from link where connector_id = ? and external_id = any (?)", s -> {
            s.setLong(1, connectorId);
            s.setArray(2, s.getConnection().createArrayOf("text", externalIds.toArray()));
        }, rs -> rs.getString(1)));
    }

    /** Notes what went wrong writing back to the ticket without failing a delivery; null clears it. */
    public void noteProblem(long linkId, String problem) {
        db.update("update link set problem = ?, problem_at = case when ? is null then null else now() end where id = ?", s -> {
            s.setString(1, problem);
            s.setString(2, problem);
            s.setLong(3, linkId);
        });
    }

    private static Link read(ResultSet rs) throws SQLException {
        return new Link(rs.getLong("id"), rs.getLong("connector_id"), rs.getString("type"), rs.getLong("project_id"), rs.getLong("story_id"),
                rs.getString("external_id"), rs.getString("external_url"), rs.getString("title"), rs.getString("problem"),
                instant(rs, "problem_at"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
