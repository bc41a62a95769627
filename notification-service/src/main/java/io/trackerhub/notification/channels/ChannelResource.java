package io.trackerhub.notification.channels;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.outbox.Delivery;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.kit.backfill.Backfills;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Chat rooms and outbound web hooks: create, read, replace, delete, test, and their deliveries. Admin token only. */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "channels", description = "Where chosen Tracker activity is posted")
public class ChannelResource {

    /** A delivery of an activity to this channel. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeliveryView(long id, String activity, String state, int attempts, Integer lastStatus, String lastError,
                               Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
        public static DeliveryView of(Delivery d) {
            String key = d.dedupKey();
            String activity = key == null || !key.contains("/") ? null : key.substring(0, key.indexOf('/'));
            return new DeliveryView(d.id(), activity, d.status().column(), d.attempts(), d.lastStatus(), d.lastError(),
                    d.createdAt(), d.status() == Delivery.Status.PENDING ? d.nextAttemptAt() : null, d.deliveredAt());
        }
    }

    private final Channels channels;
    private final Outbox outbox;
    private final Backfills backfills;

    public ChannelResource(Channels channels, Outbox outbox, Backfills backfills) {
        this.backfills = backfills;
        this.channels = channels;
        this.outbox = outbox;
    }

    @POST
    @Operation(summary = "Add a channel", description = "type slack | campfire | webhook; config.url is stored encrypted and never returned")
    public Response create(@Valid ChannelRequest request) {
        ChannelSpec spec = body(request).validate(true);
        long id = channels.create(spec);
        channels.reload();
        return Response.created(URI.create("/api/channels/" + id)).entity(view(existing(id))).build();
    }

    @GET
    @Operation(summary = "List channels")
    public List<ChannelView> list() {
        List<Channel> all = channels.list().stream().sorted(Comparator.comparingLong(c -> c.id)).toList();
        Map<Long, Backfills.Status> backfilled = backfills.statuses(Channel.BACKFILL, all.stream().map(c -> c.id).toList());
        return all.stream().map(c -> ChannelView.of(c, outbox.destination(c.destination()), backfilled.get(c.id))).toList();
    }

    @GET
    @Path("/{id}")
    public ChannelView get(@PathParam("id") long id) {
        return view(existing(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a channel's settings", description = "Same body as POST; leave config.url out to keep the stored URL")
    public ChannelView replace(@PathParam("id") long id, @Valid ChannelRequest request) {
        existing(id);
        ChannelSpec spec = body(request).validate(false);
        if (!channels.replace(id, spec)) {
            throw Channels.notFound(id);
        }
        channels.reload();
        if (request.config() != null && request.config().hasNonNull("url")) {
            // a new URL (a new bot key, a new hook) is what a channel paused for its answers waited for
            outbox.resume(existing(id).destination());
        }
        return view(existing(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a channel", description = "Deliveries not yet sent fail with that reason; nothing more is sent")
    public Response delete(@PathParam("id") long id) {
        if (!channels.delete(id)) {
            throw Channels.notFound(id);
        }
        backfills.forget(Channel.BACKFILL, id);
        channels.reload();
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a channel paused after failing for long; its waiting deliveries are sent at once")
    public ChannelView resume(@PathParam("id") long id) {
        Channel channel = existing(id);
        if (!outbox.resume(channel.destination())) {
            throw ProblemException.conflict("channel " + id + " is not paused");
        }
        return view(channel);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "This channel's deliveries, newest first", description = "state: pending, sending, delivered or failed; limit 1-500")
    public List<DeliveryView> deliveries(@PathParam("id") long id, @QueryParam("state") String state,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        Channel channel = existing(id);
        return outbox.listForApi(channel.destination(), state, limit).stream().map(DeliveryView::of).toList();
    }

    private static ChannelRequest body(ChannelRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the body is empty; send a channel as JSON: {\"type\", \"name\", \"config\", \"publish\"}");
        }
        return request;
    }

    private Channel existing(long id) {
        return channels.existing(id);
    }

    private ChannelView view(Channel channel) {
        return ChannelView.of(channel, outbox.destination(channel.destination()), backfills.status(Channel.BACKFILL, channel.id).orElse(null));
    }

    @POST
    @Path("/{id}/backfill")
    @Operation(summary = "Deliver this channel's past activity from a point in time",
            description = "since: RFC 3339. Reads tracker.activity from that time (as far back as the topic's retention) and "
                    + "queues what the channel takes, for this channel only, once per activity; the live consumer leaves the "
                    + "channel to the backfill until it has caught up, so the channel reads its history in order. 202 with its progress "
                    + "(backfill: state running, done or failed; read; queued); 409 while one runs")
    public Response backfill(@PathParam("id") long id, Backfills.Request request) {
        Channel channel = existing(id);
        backfills.start(Channel.BACKFILL, channel.id, Backfills.Request.since(request, Channel.BACKFILL));
        return Response.accepted(view(channel)).build();
    }
}
