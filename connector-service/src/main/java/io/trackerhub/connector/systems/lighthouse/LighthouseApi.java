package io.trackerhub.connector.systems.lighthouse;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Lighthouse's JSON API (an account's {@code https://ACCOUNT.lighthouseapp.com}), token in {@code X-LighthouseToken}. */
@Path("/projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
public interface LighthouseApi {

    @GET
    @Path("/bins/{bin}.json")
    JsonNode bin(@PathParam("project") String project, @PathParam("bin") String bin);

    @GET
    @Path("/tickets.json")
    JsonNode tickets(@PathParam("project") String project, @QueryParam("q") String query, @QueryParam("page") int page,
                     @QueryParam("limit") int limit);

    @GET
    @Path("/tickets/{number}.json")
    JsonNode ticket(@PathParam("project") String project, @PathParam("number") String number);

    @PUT
    @Path("/tickets/{number}.json")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.WILDCARD)
    String update(@PathParam("project") String project, @PathParam("number") String number, JsonNode body);
}
