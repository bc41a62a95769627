package io.trackerhub.connector.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.systems.Remote;
import io.trackerhub.events.rest.TrackerHttp;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Tracker REST API v5 as the connector uses it: with the connector's own token, to create stories and comment on them. */
@ApplicationScoped
public class TrackerStories {

    static final String SYSTEM = "Tracker";

    private final Remote remote;

    public TrackerStories(Remote remote) {
        this.remote = remote;
    }

    /** Creates a story and returns its id. */
    public long create(Connector c, ObjectNode story) {
        JsonNode created = Remote.json(SYSTEM, "the new story", remote.send(SYSTEM, "POST",
                c.trackerBaseUrl() + "/projects/" + c.trackerProjectId() + "/stories", story.toString(), auth(c)));
        return Remote.required(SYSTEM, "the new story", created, "id").asLong();
    }

    /** Posts a comment and returns its id. */
    public long comment(Connector c, long storyId, String text) {
        JsonNode created = Remote.json(SYSTEM, "the new comment", remote.send(SYSTEM, "POST",
                c.trackerBaseUrl() + "/projects/" + c.trackerProjectId() + "/stories/" + storyId + "/comments",
                Remote.JSON.createObjectNode().put("text", text).toString(), auth(c)));
        return Remote.required(SYSTEM, "the new comment", created, "id").asLong();
    }

    private static Map<String, String> auth(Connector c) {
        return Map.of(TrackerHttp.TOKEN, c.trackerToken());
    }
}
