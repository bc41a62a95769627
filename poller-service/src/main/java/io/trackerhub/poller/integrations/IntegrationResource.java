package io.trackerhub.poller.integrations;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.events.rest.TrackerHttp;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.webhooks.WebhookSignature;
import io.trackerhub.poller.publish.RecordPublisher;
import io.trackerhub.poller.tracker.TrackerClient;
import io.trackerhub.poller.tracker.TrackerConfig;
import io.trackerhub.poller.tracker.TrackerFailure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Tracker integrations: link a token, watch its syncs, force one, replace the token, unlink. Admin token only. */
@Path("/api/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "integrations", description = "Tracker API tokens whose projects and stories flow into Kafka")
public class IntegrationResource {

    private static final Logger LOG = Logger.getLogger(IntegrationResource.class);
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

    private final Integrations integrations;
    private final TrackerClient tracker;
    private final WebhookSignature signature;
    private final RecordPublisher publisher;
    private final Event<SyncDue> due;
    private final String defaultBaseUrl;
    private final String ingestUrl;

    public IntegrationResource(Integrations integrations, TrackerClient tracker, WebhookSignature signature, RecordPublisher publisher,
                               Event<SyncDue> due, TrackerConfig trackerConfig, IngestConfig ingestConfig) {
        this.integrations = integrations;
        this.tracker = tracker;
        this.signature = signature;
        this.publisher = publisher;
        this.due = due;
        this.defaultBaseUrl = trackerConfig.baseUrl();
        this.ingestUrl = ingestConfig.publicUrl().replaceAll("/+$", "");
    }

    @POST
    @Operation(summary = "Link a Tracker API token", description = "The token is checked with GET /me, stored encrypted and never returned; "
            + "the first import starts at once. project_ids empty = every project the token sees; sync_interval ISO-8601 (default PT1H).")
    public Response create(IntegrationRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the body is empty; send {\"name\", \"api_token\", \"base_url\"?, \"project_ids\"?, \"sync_interval\"?}");
        }
        if (request.name() == null || request.name().isBlank()) {
            throw ProblemException.invalid("name", "is missing; give the integration a name, e.g. \"Acme Tracker\"");
        }
        String token = token(request.apiToken());
        String baseUrl = baseUrl(request.baseUrl());
        List<Long> projectIds = request.projectIds() == null ? List.of() : request.projectIds();
        for (Long id : projectIds) {
            if (id == null || id <= 0) {
                throw ProblemException.invalid("project_ids", "must be positive Tracker project ids, got " + id);
            }
        }
        Duration interval = interval(request.syncInterval());
        checkToken(baseUrl, token);
        long id = integrations.create(request.name().strip(), baseUrl, projectIds.stream().distinct().toList(), interval, token);
        LOG.infof("integration %d (%s) linked against %s", id, request.name().strip(), baseUrl);
        due.fire(new SyncDue(id));
        return Response.created(URI.create("/api/integrations/" + id)).entity(view(existing(id))).build();
    }

    @GET
    @Operation(summary = "List integrations with their state and the progress of their latest sync")
    public List<IntegrationView> list() {
        return integrations.list().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An integration: state, last and next sync, last error, progress, projects with their cursors")
    public IntegrationView get(@PathParam("id") long id) {
        return view(existing(id));
    }

    @POST
    @Path("/{id}/sync")
    @Operation(summary = "Force synchronization: a cycle starts within a second")
    public Response sync(@PathParam("id") long id) {
        Integration integration = existing(id);
        if (integration.state == Integration.State.DISABLED) {
            throw ProblemException.conflict("integration " + id + " is unlinked; link the token again with POST /api/integrations");
        }
        if (integration.state == Integration.State.ERROR) {
            throw ProblemException.conflict("integration " + id + " is stopped: " + integration.lastError
                    + "; set a new token with PUT /api/integrations/" + id + "/token");
        }
        integrations.requestSync(id);
        due.fire(new SyncDue(id));
        return Response.accepted(Map.of("id", id, "state", integration.state.wire(), "sync", "requested")).build();
    }

    @PUT
    @Path("/{id}/token")
    @Operation(summary = "Set a new token", description = "Checked with GET /me; polling resumes from the stored cursors")
    public IntegrationView replaceToken(@PathParam("id") long id, TokenRequest request) {
        Integration integration = existing(id);
        String token = token(request == null ? null : request.apiToken());
        checkToken(integration.baseUrl, token);
        if (integration.state == Integration.State.DISABLED) {
            throw ProblemException.conflict("integration " + id + " is unlinked; link the token again with POST /api/integrations");
        }
        integrations.replaceToken(id, token);
        LOG.infof("integration %d has a new token", id);
        due.fire(new SyncDue(id));
        return view(existing(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unlink", description = "Polling stops, the token is erased, tombstones go out for its projects and their "
            + "stories (unless another integration polls them); the integration stays listed as disabled")
    public Response delete(@PathParam("id") long id) {
        Integration integration = existing(id);
        if (integration.state == Integration.State.DISABLED) {
            return Response.noContent().build();
        }
        List<Integrations.Orphan> orphaned = integrations.unlink(id);
        RecordPublisher.Batch batch = publisher.batch();
        for (Integrations.Orphan project : orphaned) {
            for (Long story : project.storyIds()) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.STORY, story, project.projectId(), null, project.version(), Origin.POLL, id));
            }
            batch.send(TrackerRecord.snapshot(SnapshotKind.PROJECT, project.projectId(), project.projectId(), null, project.version(), Origin.POLL, id));
        }
        try {
            batch.awaitAcknowledged();
        } catch (RecordPublisher.KafkaUnavailable e) {
            throw ProblemException.unavailable("the integration is unlinked, but Kafka did not take the tombstones of its projects "
                    + orphaned.stream().map(Integrations.Orphan::projectId).toList() + ": " + e.getMessage(), Duration.ofSeconds(5));
        }
        LOG.infof("integration %d unlinked; tombstones for %d projects", id, orphaned.size());
        return Response.noContent().build();
    }

    private Integration existing(long id) {
        return integrations.find(id).orElseThrow(() -> ProblemException.notFound("no integration " + id));
    }

    private IntegrationView view(Integration integration) {
        return IntegrationView.of(integration, ingestUrl + signature.path(integration.id), integrations.latestRun(integration.id).orElse(null),
                integrations.projects(integration.id));
    }

    private void checkToken(String baseUrl, String token) {
        try {
            tracker.session(baseUrl, token).me().json();
        } catch (TrackerFailure e) {
            if (e.kind() == TrackerFailure.Kind.TOKEN_REJECTED) {
                throw ProblemException.unprocessable("Tracker rejected the api_token: " + e.getMessage());
            }
            throw ProblemException.unprocessable("the token could not be checked at " + baseUrl + "/me: " + e.getMessage());
        } catch (TrackerFormatException | IllegalArgumentException e) {
            throw ProblemException.unprocessable(baseUrl + "/me did not answer like Tracker: " + e.getMessage());
        }
    }

    private static String token(String token) {
        if (token == null || token.isBlank()) {
            throw ProblemException.invalid("api_token", "is missing; copy it from the Tracker profile page");
        }
        if (token.strip().length() > 200 || token.strip().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.invalid("api_token", "is not a Tracker API token (printable ASCII, no spaces)");
        }
        return token.strip();
    }

    private String baseUrl(String given) {
        if (given == null || given.isBlank()) {
            return defaultBaseUrl.replaceAll("/+$", "");
        }
        try {
            URI uri = URI.create(given.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("base_url", "'" + given + "' is not an http(s) URL, e.g. " + TrackerHttp.BASE_URL);
        }
        return given.strip().replaceAll("/+$", "");
    }

    private static Duration interval(String given) {
        if (given == null || given.isBlank()) {
            return Duration.ofHours(1);
        }
        try {
            Duration interval = Duration.parse(given.strip());
            if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
                throw ProblemException.invalid("sync_interval", "'" + given + "' is shorter than a second; use e.g. PT1H");
            }
            return interval;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("sync_interval", "'" + given + "' is not an ISO-8601 duration, e.g. PT1H");
        }
    }
}
