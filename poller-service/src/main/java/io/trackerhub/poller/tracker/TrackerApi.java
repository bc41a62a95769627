package io.trackerhub.poller.tracker;

import io.trackerhub.events.rest.TrackerHttp;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Tracker REST API v5 calls the poller makes (base URL ends in {@code /services/v5}), each with only the parameters
 * Tracker's documentation lists for it. A null parameter is not sent. Answers stay {@link Response}s: the body and the
 * {@code X-Tracker-*} headers are read in one place ({@link TrackerClient}), whatever the status.
 *
 * <p>{@code filter} is Tracker's search syntax; the documentation says it "cannot be used together with any other
 * parameters except limit and offset", so {@link #search} has no others and {@link #stories} has no filter.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface TrackerApi {

    @GET
    @Path("/me")
    Response me(@HeaderParam(TrackerHttp.TOKEN) String token);

    @GET
    @Path("/my/notifications")
    Response notifications(@HeaderParam(TrackerHttp.TOKEN) String token, @QueryParam("updated_after") String updatedAfter);

    @GET
    @Path("/projects/{project}")
    Response project(@HeaderParam(TrackerHttp.TOKEN) String token, @PathParam("project") long project, @QueryParam("fields") String fields);

    @GET
    @Path("/projects/{project}/epics")
    Response epics(@HeaderParam(TrackerHttp.TOKEN) String token, @PathParam("project") long project);

    /** Every story of the project, accepted ones included (a plain listing has no "done" filter). */
    @GET
    @Path("/projects/{project}/stories")
    Response stories(@HeaderParam(TrackerHttp.TOKEN) String token, @PathParam("project") long project,
                     @QueryParam("updated_after") String updatedAfter, @QueryParam("fields") String fields,
                     @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    /** Stories matching a search ({@code id:1,2 includedone:true}): only limit and offset beside it. */
    @GET
    @Path("/projects/{project}/stories")
    Response search(@HeaderParam(TrackerHttp.TOKEN) String token, @PathParam("project") long project, @QueryParam("filter") String filter,
                    @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    /** The activity after {@code since_version}, in whatever order Tracker gives it (recordings: newest first). */
    @GET
    @Path("/projects/{project}/activity")
    Response activity(@HeaderParam(TrackerHttp.TOKEN) String token, @PathParam("project") long project,
                      @QueryParam("since_version") long sinceVersion, @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/stories/{story}")
    Response story(@HeaderParam(TrackerHttp.TOKEN) String token, @PathParam("story") long story);
}
