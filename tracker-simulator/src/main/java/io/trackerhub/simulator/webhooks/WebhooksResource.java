package io.trackerhub.simulator.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.simulator.api.ProjectAccess;
import io.trackerhub.simulator.world.Ids;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.Webhook;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.Bodies;
import io.trackerhub.v5.TrackerException;
import io.trackerhub.v5.TrackerQuery;
import io.trackerhub.v5.TrackerResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A project's activity web hooks: {@code webhook_url} and {@code webhook_version} ({@code v5} JSON or {@code v3} XML). */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracker API v5: web hooks")
public class WebhooksResource {

    @Inject
    ProjectAccess access;
    @Inject
    World world;
    @Context
    UriInfo uri;

    @GET
    @Path("/projects/{projectId}/webhooks")
    public Response list(@PathParam("projectId") String projectId) {
        return access.project(Bodies.id(projectId)).read(view -> {
            ArrayNode items = TrackerJson.mapper().createArrayNode();
            view.webhooks().forEach(h -> items.add(json(h)));
            return TrackerResponses.ok(items, TrackerQuery.of(uri), view.version());
        });
    }

    @POST
    @Path("/projects/{projectId}/webhooks")
    @Operation(summary = "Register a web hook; every later activity of the project is POSTed to it")
    public Response create(@PathParam("projectId") String projectId, byte[] body) {
        ProjectState project = access.project(Bodies.id(projectId));
        JsonNode fields = Bodies.json(body);
        String url = fields.path("webhook_url").asText("");
        String version = fields.path("webhook_version").asText(Webhook.V5);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw TrackerException.invalidField("webhook_url", "webhook_url must be an http:// or https:// URL, got '" + url + "'");
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            throw TrackerException.invalidField("webhook_url", "webhook_url is not a valid URL: " + e.getMessage());
        }
        if (!Webhook.V5.equals(version) && !Webhook.V3.equals(version)) {
            throw TrackerException.invalidField("webhook_version", "webhook_version must be v5 or v3, got '" + version + "'");
        }
        Webhook hook = new Webhook(world.ids().next(Ids.Kind.WEBHOOK), project.id(), url, version, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return project.change(edit -> {
            edit.putWebhook(hook);
            return TrackerResponses.ok(json(hook), TrackerQuery.of(uri), edit.version());
        });
    }

    @DELETE
    @Path("/projects/{projectId}/webhooks/{webhookId}")
    public Response delete(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId) {
        ProjectState project = access.project(Bodies.id(projectId));
        long id = Bodies.id(webhookId);
        return project.change(edit -> {
            if (edit.removeWebhook(id) == null) {
                throw TrackerException.unfound();
            }
            return TrackerResponses.noContent(edit.version());
        });
    }

    private static ObjectNode json(Webhook hook) {
        return TrackerJson.mapper().createObjectNode().put("kind", "webhook").put("id", hook.id()).put("project_id", hook.projectId())
                .put("webhook_url", hook.url()).put("webhook_version", hook.version())
                .put("created_at", Timestamps.format(hook.createdAt())).put("updated_at", Timestamps.format(hook.createdAt()));
    }
}
