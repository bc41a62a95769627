package io.trackerhub.connector.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorSpec;
import io.trackerhub.connector.connectors.Connectors;
import io.trackerhub.connector.imports.ImportList;
import io.trackerhub.connector.links.Imports;
import io.trackerhub.connector.links.LinkView;
import io.trackerhub.connector.links.Links;
import io.trackerhub.connector.systems.RestClients;
import io.trackerhub.connector.systems.SystemFailure;
import io.trackerhub.connector.systems.Systems;
import io.trackerhub.connector.writeback.DeliveryView;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.Problem;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.outbox.Outbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Connectors to external ticket systems: create, read, replace, delete; their import list, imports, links and deliveries. */
@Path("/api/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "connectors", description = "Links between Tracker stories and Jira, Zendesk, Bugzilla, Lighthouse, Get Satisfaction and other tickets")
public class ConnectorResource {

    /** The body of an import. */
    public record ImportRequest(@JsonProperty("external_id") String externalId, String position) {
    }

    private final Connectors connectors;
    private final ImportList importList;
    private final Imports imports;
    private final Links links;
    private final Outbox outbox;
    private final RestClients clients;
    private final Systems systems;
    /** hub.tracker.base-url is the hub's Tracker (shared with the poller), not one of hub.connector's settings. */
    private final String defaultTrackerUrl;

    public ConnectorResource(Connectors connectors, ImportList importList, Imports imports, Links links, Outbox outbox,
                             RestClients clients, Systems systems,
                             @ConfigProperty(name = "hub.tracker.base-url", defaultValue = "https://www.pivotaltracker.com/services/v5") String defaultTrackerUrl) {
        this.connectors = connectors;
        this.importList = importList;
        this.imports = imports;
        this.links = links;
        this.outbox = outbox;
        this.clients = clients;
        this.systems = systems;
        this.defaultTrackerUrl = defaultTrackerUrl;
    }

    @POST
    @Operation(summary = "Add a connector", description = "type jira | zendesk | bugzilla | lighthouse | satisfaction | other; "
            + "credentials (tracker.api_token, config api_token/password/api_key/token) are stored encrypted and never returned")
    public Response create(@Valid ConnectorRequest request) {
        ConnectorSpec spec = body(request).spec(systems, Map.of(), false, defaultTrackerUrl);
        long id = connectors.create(spec);
        return Response.created(URI.create("/api/connectors/" + id)).entity(view(existing(id))).build();
    }

    @GET
    @Operation(summary = "List connectors")
    public List<ConnectorView> list() {
        return connectors.list().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public ConnectorView get(@PathParam("id") long id) {
        return view(existing(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a connector's settings", description = "Same body as POST; credentials left out keep the stored ones. "
            + "A connector in error is active again and its waiting write-backs are sent")
    public ConnectorView replace(@PathParam("id") long id, @Valid ConnectorRequest request) {
        Connector current = existing(id);
        ConnectorSpec spec = body(request).spec(systems, current.secrets(), true, defaultTrackerUrl);
        if (!connectors.replace(id, spec)) {
            throw notFound(id);
        }
        connectors.resume(id);
        return view(existing(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a connector and its links", description = "Write-backs not yet sent fail with that reason")
    public Response delete(@PathParam("id") long id) {
        if (!connectors.delete(id)) {
            throw notFound(id);
        }
        clients.forget(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/import-list")
    @Operation(summary = "External items not linked yet, from the connector's filter, view, bin or product",
            description = "the first page, the page a next_cursor names (cursor), or page N from 1; per_page 1-100; a page may hold "
                    + "fewer items than per_page (linked ones are left out); next_cursor and next_page null at the end")
    public ImportList.Page importList(@PathParam("id") long id, @QueryParam("cursor") String cursor, @QueryParam("page") Integer page,
                                      @QueryParam("per_page") @DefaultValue("25") int perPage) {
        if (page != null && page < 1) {
            throw ProblemException.invalid("page", "must be 1 or more, was " + page);
        }
        if (cursor != null && page != null) {
            throw ProblemException.invalid("page", "give either cursor (the next_cursor of a page) or page, not both");
        }
        if (perPage < 1 || perPage > 100) {
            throw ProblemException.invalid("per_page", "must be between 1 and 100, was " + perPage);
        }
        Connector c = usable(id);
        String from = cursor == null || cursor.isBlank() ? null : cursor.trim();
        return calling(c, () -> importList.page(c, from, page == null ? 1 : page, perPage));
    }

    @POST
    @Path("/{id}/import")
    @Operation(summary = "Import an external item as a Tracker story and link them",
            description = "position icebox (default) or backlog. 201 with the new link; 200 with the existing one when the item is linked already")
    public Response importItem(@PathParam("id") long id, ImportRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the body is empty; send {\"external_id\": \"PROJ-12\", \"position\": \"icebox\"}");
        }
        String externalId = externalId(request.externalId(), "import");
        String position = request.position() == null ? "icebox" : request.position().trim().toLowerCase(Locale.ROOT);
        if (!position.equals("icebox") && !position.equals("backlog")) {
            throw ProblemException.invalid("position", "'" + request.position() + "' is not icebox or backlog");
        }
        Connector c = existing(id);
        var found = links.find(id, externalId);
        if (found.isPresent()) {
            return Response.ok(links.view(found.get())).build();
        }
        usable(id);
        Imports.Imported imported = calling(c, () -> imports.importItem(c, externalId, position));
        LinkView link = links.view(imported.link());
        return imported.created() ? Response.created(URI.create("/api/links?story_id=" + link.storyId())).entity(link).build()
                : Response.ok(link).build();
    }

    /** An existing story to link to an existing ticket. */
    public record LinkRequest(@JsonProperty("story_id") Long storyId, @JsonProperty("external_id") String externalId) {
    }

    @POST
    @Path("/{id}/links")
    @Operation(summary = "Link an existing story to an existing ticket",
            description = "story_id: a story of the connector's Tracker project; external_id: the ticket, issue, bug or topic. The ticket is "
                    + "read, the story's Integration and External ID set in Tracker. 201 with the link; 200 with it when linked already; "
                    + "409 when the ticket is linked to another story. From then on the story's comments and state changes are written "
                    + "back; POST /api/links/{id}/backfill sends its earlier ones")
    public Response link(@PathParam("id") long id, LinkRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the body is empty; send {\"story_id\": 563, \"external_id\": \"PROJ-12\"}");
        }
        if (request.storyId() == null || request.storyId() < 1) {
            throw ProblemException.invalid("story_id", "is required: the id of a story in the connector's Tracker project");
        }
        String externalId = externalId(request.externalId(), "link");
        Connector c = usable(id);
        Imports.Imported linked = calling(c, () -> imports.link(c, request.storyId(), externalId));
        LinkView link = links.view(linked.link());
        return linked.created() ? Response.created(URI.create("/api/links/" + link.id())).entity(link).build() : Response.ok(link).build();
    }

    @GET
    @Path("/{id}/links")
    @Operation(summary = "This connector's links, oldest first")
    public List<LinkView> links(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("100") int limit,
                                @QueryParam("offset") @DefaultValue("0") int offset) {
        existing(id);
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalid("limit", "must be between 1 and 500, was " + limit);
        }
        if (offset < 0) {
            throw ProblemException.invalid("offset", "must be 0 or more, was " + offset);
        }
        return links.views(links.ofConnector(id, limit, offset));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "This connector's write-backs, newest first", description = "state: pending, sending, delivered or failed; limit 1-500")
    public List<DeliveryView> deliveries(@PathParam("id") long id, @QueryParam("state") String state,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        Connector c = existing(id);
        return outbox.listForApi(c.destination(), state, limit).stream().map(DeliveryView::of).toList();
    }

    /**
     * Runs a call to the external system (or Tracker) for the API: rejected credentials put the connector in error;
     * every failure becomes a problem naming the system and what it answered.
     */
    private <T> T calling(Connector c, Supplier<T> call) {
        try {
            return call.get();
        } catch (SystemFailure e) {
            if (e.kind() == SystemFailure.Kind.CREDENTIALS) {
                connectors.credentialsRejected(c.id(), e.getMessage());
                throw new ProblemException(Problem.of(502, "Bad Gateway", e.getMessage() + "; connector " + c.id()
                        + " is now in error until its credentials are fixed (PUT /api/connectors/" + c.id() + ")"));
            }
            if (e.kind() == SystemFailure.Kind.REJECTED && e.status() != null && e.status() == 404) {
                throw ProblemException.notFound(e.getMessage());
            }
            if (e.kind() == SystemFailure.Kind.TRANSIENT) {
                throw ProblemException.unavailable(e.getMessage(), e.retryAfter() != null ? e.retryAfter() : java.time.Duration.ofSeconds(5));
            }
            throw new ProblemException(Problem.of(502, "Bad Gateway", e.getMessage()));
        }
    }

    private Connector usable(long id) {
        Connector c = existing(id);
        if (c.state() == Connector.State.ERROR) {
            throw ProblemException.conflict("connector " + id + " is in error: " + c.stateReason() + "; fix its credentials with PUT /api/connectors/" + id);
        }
        return c;
    }

    /** A ticket id as the systems write them (a Jira key, a number, a slug): present, one line, at most 255 characters. */
    private static String externalId(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalid("external_id", "is required: the id of the ticket, issue, bug or topic to " + what);
        }
        String id = raw.strip();
        if (id.length() > 255) {
            throw ProblemException.invalid("external_id", "is " + id.length() + " characters; a ticket id has at most 255");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("external_id", "holds a control character; a ticket id is one line of text");
        }
        return id;
    }

    private static ConnectorRequest body(ConnectorRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the body is empty; send a connector as JSON: {\"type\", \"name\", \"tracker\", \"config\"}");
        }
        return request;
    }

    private Connector existing(long id) {
        return connectors.load(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("no connector " + id);
    }

    private ConnectorView view(Connector c) {
        return ConnectorView.of(c, outbox.destination(c.destination()));
    }
}
