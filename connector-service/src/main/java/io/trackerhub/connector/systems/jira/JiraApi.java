package io.trackerhub.connector.systems.jira;

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
 * Jira's REST API as the connector uses it, Cloud and Server/Data Center. Cloud removed {@code GET /rest/api/2/search}
 * (it answers 410) for the enhanced search {@code /rest/api/3/search/jql}, which pages by {@code nextPageToken} and
 * has no {@code total}; Server and Data Center have only the classic search. Writes answer text: a write that
 * happened is never sent again because its answer could not be read.
 */
@Path("/rest/api")
@Produces(MediaType.APPLICATION_JSON)
public interface JiraApi {

    @GET
    @Path("/2/serverInfo")
    JsonNode serverInfo();

    /** Server and Data Center. */
    @GET
    @Path("/2/search")
    JsonNode search(@QueryParam("jql") String jql, @QueryParam("startAt") int startAt, @QueryParam("maxResults") int maxResults,
                    @QueryParam("fields") String fields);

    /** Cloud's enhanced search: {@code issues}, {@code nextPageToken} (absent on the last page), {@code isLast}. */
    @GET
    @Path("/3/search/jql")
    JsonNode searchJql(@QueryParam("jql") String jql, @QueryParam("nextPageToken") String nextPageToken,
                       @QueryParam("maxResults") int maxResults, @QueryParam("fields") String fields);

    /** Version 2 answers the description as text (wiki markup), version 3 as Atlassian Document Format. */
    @GET
    @Path("/{version}/issue/{key}")
    JsonNode issue(@PathParam("version") int version, @PathParam("key") String key, @QueryParam("fields") String fields);

    @GET
    @Path("/2/issue/{key}/transitions")
    JsonNode transitions(@PathParam("key") String key);

    @POST
    @Path("/2/issue/{key}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.WILDCARD)
    String transition(@PathParam("key") String key, JsonNode body);

    /** Version 2 takes the comment as plain text on Cloud and Server alike. */
    @POST
    @Path("/2/issue/{key}/comment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.WILDCARD)
    String comment(@PathParam("key") String key, JsonNode body);
}
