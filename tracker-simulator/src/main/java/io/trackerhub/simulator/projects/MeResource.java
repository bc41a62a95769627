package io.trackerhub.simulator.projects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.rest.ProjectMembership;
import io.trackerhub.simulator.api.ProjectAccess;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.TrackerQuery;
import io.trackerhub.v5.TrackerResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The token's owner: {@code /me} and {@code /my/notifications}. */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracker API v5: me")
public class MeResource {

    @Inject
    ProjectAccess access;
    @Inject
    World world;
    @Context
    UriInfo uri;

    @GET
    @Path("/me")
    public Response me() {
        Person me = access.me();
        ObjectNode body = TrackerJson.mapper().createObjectNode();
        body.put("kind", "me").put("id", me.id()).put("name", me.name()).put("initials", me.initials()).put("username", me.username());
        body.putObject("time_zone").put("kind", "time_zone").put("olson_name", "America/Los_Angeles").put("offset", "-07:00");
        // the caller sent this token, so showing it back is what Tracker did; it is never logged
        body.put("api_token", world.tokenOf(me.id()).orElse(null));
        body.put("has_google_identity", false);
        ArrayNode projects = body.putArray("projects");
        for (ProjectState project : world.projects()) {
            project.read(view -> {
                for (ProjectMembership m : view.memberships()) {
                    if (m.personId() != null && m.personId().equals(me.id())) {
                        projects.addObject().put("kind", "membership_summary").put("id", m.id()).put("project_id", project.id())
                                .put("project_name", view.project().name()).put("project_color", m.projectColor() == null ? "555555" : m.projectColor())
                                .put("favorite", false).put("role", m.role())
                                .put("last_viewed_at", TrackerJson.toTree(m).path("last_viewed_at").asText(null));
                    }
                }
                return null;
            });
        }
        body.put("email", me.email()).put("receives_in_app_notifications", true);
        String since = projects.isEmpty() ? null : projects.get(0).path("last_viewed_at").asText(null);
        body.put("created_at", since).put("updated_at", since);
        me.others().forEach(body::set);
        return TrackerResponses.ok(body, TrackerQuery.of(uri), null);
    }

    @GET
    @Path("/my/notifications")
    public Response notifications() {
        return TrackerResponses.ok(TrackerJson.mapper().valueToTree(world.notifications(access.personId())), TrackerQuery.of(uri), null);
    }
}
