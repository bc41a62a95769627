package io.trackerhub.connector.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.RestClients;
import jakarta.enterprise.context.ApplicationScoped;

/** Tracker REST API v5 as the connector uses it: with the connector's own token, to create stories and comment on them. */
@ApplicationScoped
class TrackerStories {

    static final String SYSTEM = "Tracker";

    private final RestClients clients;

    public TrackerStories(RestClients clients) {
        this.clients = clients;
    }

    private TrackerApi api(Connector c) {
        return clients.of(c, TrackerApi.class, SYSTEM, c.trackerBaseUrl(), RestClients.header(TrackerApi.TOKEN, c.trackerToken()));
    }

    /** Creates a story and returns its id. */
    public long create(Connector c, ObjectNode story) {
        String what = "the new story in project " + c.trackerProjectId();
        JsonNode created = Calls.call(SYSTEM, what, () -> api(c).createStory(c.trackerProjectId(), story));
        return Calls.required(SYSTEM, what, Calls.present(SYSTEM, what, created), "id").asLong();
    }

    /** Marks an existing story of the connector's project as this connector's ticket (Tracker's Integration and External ID fields). */
    public void markLinked(Connector c, long storyId, String externalId) {
        String what = "story " + storyId + " in project " + c.trackerProjectId();
        Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).updateStory(c.trackerProjectId(), storyId,
                Calls.object().put("integration_id", c.id()).put("external_id", externalId))));
    }

    /** Posts a comment and returns its id. */
    public long comment(Connector c, long storyId, String text) {
        String what = "the new comment on story " + storyId;
        JsonNode created = Calls.call(SYSTEM, what, () -> api(c).comment(c.trackerProjectId(), storyId, Calls.object().put("text", text)));
        return Calls.required(SYSTEM, what, Calls.present(SYSTEM, what, created), "id").asLong();
    }
}
