package io.trackerhub.connector.writeback;

import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.Connectors;
import io.trackerhub.connector.links.Link;
import io.trackerhub.connector.links.Links;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.backfill.BackfillTarget;
import io.trackerhub.kit.outbox.Delivery;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * A link's backfill (service-kit's {@code Backfills}): the comments and state changes of the linked story's past
 * activity, written back to its ticket as the live consumer would have (same dedup keys, same order key).
 */
@ApplicationScoped
class LinkBackfill implements BackfillTarget {

    private final Links links;
    private final Connectors connectors;
    private final WriteBacks writeBacks;

    public LinkBackfill(Links links, Connectors connectors, WriteBacks writeBacks) {
        this.links = links;
        this.connectors = connectors;
        this.writeBacks = writeBacks;
    }

    @Override
    public String kind() {
        return Link.BACKFILL;
    }

    @Override
    public List<Delivery.Request> requests(long id, List<ActivityRecord> activities) {
        Link link = links.find(id).orElseThrow(() -> new IllegalStateException("the link was deleted"));
        Connector connector = connectors.load(link.connectorId()).orElseThrow(() -> new IllegalStateException("the link's connector was deleted"));
        List<Delivery.Request> requests = new ArrayList<>();
        for (ActivityRecord event : activities) {
            if (WriteBacks.stories(event.activity()).contains(link.storyId())) {
                requests.addAll(writeBacks.requests(event, link, connector));
            }
        }
        return requests;
    }
}
