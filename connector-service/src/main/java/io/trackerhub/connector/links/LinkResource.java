package io.trackerhub.connector.links;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.backfill.Backfills;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Which ticket a story is linked to (the External ID field of roadmap and BI exports), and which story a ticket is. */
@Path("/api/links")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "links", description = "Tracker stories linked to external tickets")
public class LinkResource {

    private final Links links;
    private final Backfills backfills;

    public LinkResource(Links links, Backfills backfills) {
        this.links = links;
        this.backfills = backfills;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One link, with the progress of its last backfill")
    public LinkView get(@PathParam("id") long id) {
        return links.view(existing(id));
    }

    @POST
    @Path("/{id}/backfill")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write the linked story's past activity back to its ticket, from a point in time",
            description = "since: RFC 3339. Reads tracker.activity from that time (as far back as the topic's retention) and queues "
                    + "the comments and state changes of the linked story for this link only, once per activity, as the live "
                    + "consumer would have; the live consumer leaves the link to the backfill until it has caught up, so the "
                    + "ticket gets its history in order. 202 with its progress (backfill: state running, done or failed; read; "
                    + "queued); 409 while one runs")
    public Response backfill(@PathParam("id") long id, Backfills.Request request) {
        Link link = existing(id);
        backfills.start(Link.BACKFILL, link.id(), Backfills.Request.since(request, "link"));
        return Response.accepted(links.view(link)).build();
    }

    private Link existing(long id) {
        return links.find(id).orElseThrow(() -> ProblemException.notFound("no link " + id));
    }

    @GET
    @Operation(summary = "Links of a story (story_id) or of an external id (external_id)")
    public List<LinkView> find(@QueryParam("story_id") String storyId, @QueryParam("external_id") String externalId) {
        if ((storyId == null || storyId.isBlank()) == (externalId == null || externalId.isBlank())) {
            throw ProblemException.badRequest("give exactly one of story_id or external_id, e.g. /api/links?story_id=563");
        }
        if (storyId != null && !storyId.isBlank()) {
            if (!storyId.trim().matches("[0-9]{1,18}")) {
                throw ProblemException.invalid("story_id", "'" + storyId + "' is not a Tracker story id");
            }
            return links.views(links.ofStory(Long.parseLong(storyId.trim())));
        }
        return links.views(links.ofExternalId(externalId.trim()));
    }
}
