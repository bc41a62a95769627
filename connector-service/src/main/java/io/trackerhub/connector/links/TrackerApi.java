package io.trackerhub.connector.links;

import io.trackerhub.events.rest.TrackerHttp;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/** Tracker REST API v5 (base URL ends in {@code /services/v5}) as a connector writes to it with its own token. */
@Path("/projects/{project}/stories")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TrackerApi {

    /** The token header's name, as {@link TrackerHttp} knows it. */
    String TOKEN = TrackerHttp.TOKEN;

    @POST
    JsonNode createStory(@PathParam("project") long project, JsonNode story);

    @PUT
    @Path("/{story}")
    JsonNode updateStory(@PathParam("project") long project, @PathParam("story") long story, JsonNode changes);

    @POST
    @Path("/{story}/comments")
    JsonNode comment(@PathParam("project") long project, @PathParam("story") long story, JsonNode comment);
}
