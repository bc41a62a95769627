package io.trackerhub.connector.links;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.ledger.Ledger;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.SystemFailure;
import io.trackerhub.connector.systems.Systems;
import io.trackerhub.events.vocabulary.StoryStates;
import io.trackerhub.events.vocabulary.StoryTypes;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Importing an external item: a Tracker story (with {@code integration_id}/{@code external_id} and a link to the
 * ticket in its description) and the link, once per external id. Concurrent imports of one id are serialised by a
 * transaction-scoped advisory lock, so the second finds the first's link.
 */
@ApplicationScoped
public class Imports {

    private static final Logger LOG = Logger.getLogger(Imports.class);

    /** The link, and whether this call made it. */
    public record Imported(Link link, boolean created) {
    }

    private final Sql sql;
    private final Links links;
    private final Ledger ledger;
    private final Systems systems;
    private final TrackerStories tracker;
    private final MeterRegistry registry;

    public Imports(Sql sql, Links links, Ledger ledger, Systems systems, TrackerStories tracker, MeterRegistry registry) {
        this.sql = sql;
        this.links = links;
        this.ledger = ledger;
        this.systems = systems;
        this.tracker = tracker;
        this.registry = registry;
    }

    /** Throws {@link io.trackerhub.connector.systems.SystemFailure} when the external system or Tracker fails; nothing is linked then. */
    public Imported importItem(Connector c, String externalId, String position) {
        Optional<Link> existing = links.find(c.id(), externalId);
        if (existing.isPresent()) {
            return new Imported(existing.get(), false);
        }
        ExternalSystem system = systems.of(c.type());
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            Optional<Link> raced = lockedFind(c, externalId);
            if (raced.isPresent()) {
                return new Imported(raced.get(), false);
            }
            ExternalItem item = system.item(c, externalId);
            String url = item.url() != null ? item.url() : system.url(c, externalId);
            ObjectNode story = Calls.JSON.createObjectNode();
            story.put("name", item.title());
            story.put("description", description(c, item, url));
            story.put("story_type", item.storyType() == null ? StoryTypes.FEATURE : item.storyType());
            story.put("current_state", "backlog".equals(position) ? StoryStates.UNSTARTED : StoryStates.UNSCHEDULED);
            story.put("integration_id", c.id());
            story.put("external_id", externalId);
            if (item.estimate() != null && StoryTypes.FEATURE.equals(story.get("story_type").asText())) {
                story.put("estimate", item.estimate());
            }
            long storyId = tracker.create(c, story);
            long linkId = links.create(c.id(), c.trackerProjectId(), storyId, externalId, url, item.title());
            try {
                long commentId = tracker.comment(c, storyId, "Linked to " + c.type().label() + " " + externalId + ": " + url);
                // the comment comes back as activity: the ledger keeps it from being written to the ticket
                ledger.record(c.id(), Ledger.Kind.TRACKER_COMMENT, String.valueOf(commentId));
            } catch (SystemFailure e) {
                // the story and its description already name the ticket: a missing note is no reason to lose the link
                LOG.warnf("story %d linked to %s without its note: %s", storyId, externalId, e.getMessage());
            }
            registry.counter("hub.connector.imports", "type", c.type().wire()).increment();
            return new Imported(links.find(linkId).orElseThrow(), true);
        });
    }

    /**
     * Links a story that exists already to a ticket that exists already (what Tracker's Integration and External ID
     * fields of a story did): the ticket is read, the story marked in Tracker, the link made. 409 when the ticket is
     * linked to another story; the existing link when to this one. Its past activity reaches the ticket only through a
     * backfill ({@code POST /api/links/{id}/backfill}).
     */
    public Imported link(Connector c, long storyId, String externalId) {
        Optional<Link> existing = links.find(c.id(), externalId);
        if (existing.isPresent()) {
            if (existing.get().storyId() != storyId) {
                throw ProblemException.conflict(c.type().label() + " " + externalId + " is linked to story " + existing.get().storyId()
                        + " already (link " + existing.get().id() + ")");
            }
            return new Imported(existing.get(), false);
        }
        ExternalItem item = systems.of(c.type()).item(c, externalId);
        String url = item.url() != null ? item.url() : systems.of(c.type()).url(c, externalId);
        tracker.markLinked(c, storyId, externalId);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Link> raced = lockedFind(c, externalId);
            if (raced.isPresent()) {
                return new Imported(raced.get(), false);
            }
            long linkId = links.create(c.id(), c.trackerProjectId(), storyId, externalId, url, item.title());
            return new Imported(links.find(linkId).orElseThrow(), true);
        });
    }

    /** The link of the ticket, read under a lock on (connector, ticket) held to the end of the transaction: one import or link wins. */
    private Optional<Link> lockedFind(Connector c, String externalId) {
        // SQL: a transaction-scoped advisory lock has no entity to hang on (the link does not exist yet)
        sql.one("select pg_advisory_xact_lock(?, ?)", rs -> true, (int) c.id(), externalId.hashCode());
        return links.find(c.id(), externalId);
    }

    private static String description(Connector c, ExternalItem item, String url) {
        String text = item.description() == null || item.description().isBlank() ? "" : item.description().trim() + "\n\n";
        return text + c.type().label() + " " + item.id() + ": " + url
                + (item.requester() == null ? "" : "\nRequested by " + item.requester() + " in " + c.type().label());
    }
}
