package io.trackerhub.connector.links;

import io.quarkus.panache.common.Sort;
import io.trackerhub.kit.backfill.Backfills;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The links ({@link StoredLink} entities). */
@ApplicationScoped
public class Links {

    private static final Sort BY_ID = Sort.by("id");

    private final Backfills backfills;

    public Links(Backfills backfills) {
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

    @Transactional
    public long create(long connectorId, long projectId, long storyId, String externalId, String externalUrl, String title) {
        StoredLink link = new StoredLink();
        link.connectorId = connectorId;
        link.projectId = projectId;
        link.storyId = storyId;
        link.externalId = externalId;
        link.externalUrl = externalUrl;
        link.title = title;
        link.createdAt = Instant.now();
        link.persistAndFlush();
        // the connector's type is read with the row (a formula): the link found next in this transaction carries it
        StoredLink.getEntityManager().refresh(link);
        return link.id;
    }

    @Transactional
    public Optional<Link> find(long id) {
        return StoredLink.<StoredLink>findByIdOptional(id).map(StoredLink::link);
    }

    @Transactional
    public Optional<Link> find(long connectorId, String externalId) {
        return StoredLink.<StoredLink>find("connectorId = ?1 and externalId = ?2", connectorId, externalId).firstResultOptional()
                .map(StoredLink::link);
    }

    @Transactional
    public List<Link> ofStories(Collection<Long> storyIds) {
        if (storyIds.isEmpty()) {
            return List.of();
        }
        return links(StoredLink.find("storyId in ?1", BY_ID, storyIds).list());
    }

    @Transactional
    public List<Link> ofStory(long storyId) {
        return links(StoredLink.find("storyId", BY_ID, storyId).list());
    }

    @Transactional
    public List<Link> ofExternalId(String externalId) {
        return links(StoredLink.find("externalId", BY_ID, externalId).list());
    }

    @Transactional
    public List<Link> ofConnector(long connectorId, int limit, int offset) {
        return links(StoredLink.find("connectorId", BY_ID, connectorId).range(offset, offset + limit - 1).list());
    }

    /** Of {@code externalIds}, the ones this connector has linked. */
    @Transactional
    public Set<String> linkedAmong(long connectorId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        return StoredLink.<StoredLink>find("connectorId = ?1 and externalId in ?2", connectorId, externalIds).stream()
                .map(l -> l.externalId).collect(Collectors.toSet());
    }

    /** Notes what went wrong writing back to the ticket without failing a delivery; null clears it. */
    @Transactional
    public void noteProblem(long linkId, String problem) {
        StoredLink.update("problem = ?1, problemAt = ?2 where id = ?3", problem, problem == null ? null : Instant.now(), linkId);
    }

    private static List<Link> links(List<StoredLink> rows) {
        return rows.stream().map(StoredLink::link).toList();
    }
}
