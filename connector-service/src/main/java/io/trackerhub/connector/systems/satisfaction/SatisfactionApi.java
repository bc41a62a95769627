package io.trackerhub.connector.systems.satisfaction;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Get Satisfaction's public API: a company's topics filtered by product, at most 30 a page. */
@Produces(MediaType.APPLICATION_JSON)
public interface SatisfactionApi {

    @GET
    @Path("/companies/{company}/topics.json")
    JsonNode topics(@PathParam("company") String company, @QueryParam("product") String product, @QueryParam("page") int page,
                    @QueryParam("limit") int limit, @QueryParam("sort") String sort);

    @GET
    @Path("/topics/{id}.json")
    JsonNode topic(@PathParam("id") String id);
}
