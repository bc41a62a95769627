package io.trackerhub.connector.systems.bugzilla;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Bugzilla's REST API (5.0 to today's master). Credentials are not parameters here: 5.0 and 5.2 read the API key
 * (or login and password) only from the query of a GET or the JSON body of a POST, so {@link BugzillaSystem} adds them
 * to every GET's query and to each body.
 */
@Path("/rest")
@Produces(MediaType.APPLICATION_JSON)
public interface BugzillaApi {

    @GET
    @Path("/bug")
    JsonNode search(@QueryParam("product") String product, @QueryParam("component") String component, @QueryParam("f1") String f1,
                    @QueryParam("o1") String o1, @QueryParam("v1") String v1, @QueryParam("include_fields") String fields,
                    @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    /** {@code {"bugs": [{…}]}}; a bug has no description field: it is comment 0. */
    @GET
    @Path("/bug/{id}")
    JsonNode bug(@PathParam("id") String id, @QueryParam("include_fields") String fields);

    /** {@code {"bugs": {"<id>": {"comments": [{"count": 0, "text": …}, …]}}}}. */
    @GET
    @Path("/bug/{id}/comment")
    JsonNode comments(@PathParam("id") String id);

    @POST
    @Path("/bug/{id}/comment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.WILDCARD)
    String comment(@PathParam("id") String id, JsonNode body);
}
