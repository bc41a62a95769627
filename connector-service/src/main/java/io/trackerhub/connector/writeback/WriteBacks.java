package io.trackerhub.connector.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.Connectors;
import io.trackerhub.connector.ledger.Ledger;
import io.trackerhub.connector.links.Link;
import io.trackerhub.connector.links.Links;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.Systems;
import io.trackerhub.connector.systems.WriteBack;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.backfill.Backfills;
import io.trackerhub.kit.inbox.Inbox;
import io.trackerhub.kit.outbox.Delivery;
import io.trackerhub.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one activity into the write-backs of the linked stories: one outbox delivery per comment or state change
 * that the ticket's system takes, queued in the transaction that records the activity's {@code ce_id} in the inbox
 * (a duplicate or replayed activity queues nothing). Each link's deliveries share an ordering key, so a comment never
 * overtakes the state change before it. Comments the connector posted itself (the ledger) are not echoed.
 */
@ApplicationScoped
class WriteBacks {

    static final String CONSUMER = "connector.activity";

    public enum Outcome { QUEUED, UNLINKED, NOTHING_TO_WRITE, DUPLICATE }

    private final Inbox inbox;
    private final Outbox outbox;
    private final Links links;
    private final Connectors connectors;
    private final Systems systems;
    private final Ledger ledger;
    private final Backfills backfills;
    private final Counter ownComments;

    public WriteBacks(Inbox inbox, Outbox outbox, Links links, Connectors connectors, Systems systems, Ledger ledger, Backfills backfills,
                      MeterRegistry registry) {
        this.backfills = backfills;
        this.inbox = inbox;
        this.outbox = outbox;
        this.links = links;
        this.connectors = connectors;
        this.systems = systems;
        this.ledger = ledger;
        this.ownComments = Counter.builder("hub.connector.own.comments.skipped")
                .description("Comments the connector posted itself that came back as activity and were not echoed").register(registry);
    }

    @Transactional
    public Outcome apply(ActivityRecord event) {
        if (!inbox.markProcessedIfNew(CONSUMER, event.id())) {
            return Outcome.DUPLICATE;
        }
        Activity activity = event.activity();
        List<Link> linked = links.ofStories(stories(activity));
        if (linked.isEmpty()) {
            return Outcome.UNLINKED;
        }
        // a link being backfilled gets everything from its backfill until that hands it back
        Set<Long> backfilling = backfills.runningInThisTransaction(Link.BACKFILL);
        Map<Long, Optional<Connector>> loaded = new HashMap<>();
        int queued = 0;
        for (Link link : linked) {
            if (backfilling.contains(link.id())) {
                continue;
            }
            Optional<Connector> connector = loaded.computeIfAbsent(link.connectorId(), connectors::load);
            if (connector.isPresent()) {
                queued += outbox.enqueueAll(requests(event, link, connector.get()));
            }
        }
        return queued > 0 ? Outcome.QUEUED : Outcome.NOTHING_TO_WRITE;
    }

    /**
     * The write-backs of one activity to one link's ticket, each deduplicated by (activity, link, its place in the
     * activity): the same keys whichever path queues them (the live consumer, a link's backfill).
     */
    List<Delivery.Request> requests(ActivityRecord event, Link link, Connector c) {
        if (!c.type().writesBack()) {
            return List.of();
        }
        ExternalSystem system = systems.of(c.type());
        List<Delivery.Request> requests = new ArrayList<>();
        int n = 0;
        for (WriteBack w : of(event.activity(), link)) {
            n++;
            if (w.comment() && ledger.wrote(c.id(), Ledger.Kind.TRACKER_COMMENT, String.valueOf(w.commentId()))) {
                ownComments.increment();
                continue;
            }
            if (!system.takes(c, w)) {
                continue;
            }
            requests.add(Delivery.Request.of(c.type().wire(), c.target(link.externalId()), json(w))
                    .to(c.destination()).inOrderOf(link.orderingKey()).dedupedBy(event.id() + "/" + link.id() + "/" + n));
        }
        return requests;
    }

    /** Every story the activity touches: its primary resources, changed stories, and stories of changed comments. */
    static Set<Long> stories(Activity activity) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Resource r : activity.primaryResources() == null ? List.<Resource>of() : activity.primaryResources()) {
            if ("story".equals(r.kind()) && r.id() != null) {
                ids.add(r.id());
            }
        }
        for (Change change : activity.changes() == null ? List.<Change>of() : activity.changes()) {
            if ("story".equals(change.kind()) && change.id() != null) {
                ids.add(change.id());
            }
            if ("comment".equals(change.kind())) {
                change.newValue("story_id").filter(JsonNode::canConvertToLong).ifPresent(id -> ids.add(id.asLong()));
            }
        }
        return ids;
    }

    /** The comments created on the link's story and its state changes, in the order the activity lists them. */
    static List<WriteBack> of(Activity activity, Link link) {
        long story = link.storyId();
        String name = link.title();
        String url = Resource.storyUrl(story);
        for (Resource r : activity.primaryResources() == null ? List.<Resource>of() : activity.primaryResources()) {
            if ("story".equals(r.kind()) && r.id() != null && r.id() == story) {
                name = r.name() != null ? r.name() : name;
                url = r.url() != null ? r.url() : url;
            }
        }
        String author = activity.performedBy() == null ? null : activity.performedBy().name();
        List<WriteBack> found = new ArrayList<>();
        for (Change change : activity.changes() == null ? List.<Change>of() : activity.changes()) {
            if ("comment".equals(change.kind()) && Change.CREATE.equals(change.changeType())
                    && change.newValue("story_id").map(JsonNode::asLong).orElse(-1L) == story) {
                String text = change.newValue("text").map(JsonNode::asText).orElse("");
                if (!text.isBlank()) {
                    found.add(new WriteBack(link.connectorId(), link.id(), link.externalId(), story, name, url, WriteBack.COMMENT,
                            change.id(), text, author, null, null));
                }
            }
            if ("story".equals(change.kind()) && change.id() != null && change.id() == story && Change.UPDATE.equals(change.changeType())) {
                Optional<String> to = change.newValue("current_state").filter(JsonNode::isTextual).map(JsonNode::asText);
                String from = change.originalValue("current_state").filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
                if (to.isPresent() && !to.get().equals(from)) {
                    String storyName = change.name() != null ? change.name() : name;
                    found.add(new WriteBack(link.connectorId(), link.id(), link.externalId(), story, storyName, url, WriteBack.STATE,
                            null, null, author, from, to.get()));
                }
            }
        }
        return found;
    }

    private static String json(WriteBack w) {
        try {
            return Calls.JSON.writeValueAsString(w);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
