package io.trackerhub.connector.systems.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Zendesk Support API v2 as the connector uses it; {@code include=users} side-loads the requesters' names. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public interface ZendeskApi {

    @GET
    @Path("/views/{view}/tickets.json")
    JsonNode viewTickets(@PathParam("view") String view, @QueryParam("page") int page, @QueryParam("per_page") int perPage,
                         @QueryParam("include") String include);

    @GET
    @Path("/tickets/{id}.json")
    JsonNode ticket(@PathParam("id") String id, @QueryParam("include") String include);

    @PUT
    @Path("/tickets/{id}.json")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.WILDCARD)
    String update(@PathParam("id") String id, JsonNode body);
}
