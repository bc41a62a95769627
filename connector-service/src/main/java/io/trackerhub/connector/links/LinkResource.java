package io.trackerhub.connector.links;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    public LinkResource(Links links) {
        this.links = links;
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
            return links.ofStory(Long.parseLong(storyId.trim())).stream().map(LinkView::of).toList();
        }
        return links.ofExternalId(externalId.trim()).stream().map(LinkView::of).toList();
    }
}
