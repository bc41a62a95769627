package io.trackerhub.ingest.webhooks;

import io.micrometer.core.instrument.Timer;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.ingest.gaps.GapDetector;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.webhooks.WebhookSignature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The front door for Tracker's activity web hooks. Tracker does not sign requests and never retries, so the URL
 * is the secret, and an activity is answered 200 only once Kafka has it.
 */
@Path("/webhooks/tracker/{integrationId}/{sig}")
@Tag(name = "web hooks", description = "Where Tracker posts its activity")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    /** The answer to a stored (or recently stored) activity. */
    public record Stored(String id, String topic, boolean duplicate) {
    }

    private final WebhookSignature signature;
    private final ActivityPublisher publisher;
    private final RecentGuids recent;
    private final GapDetector gaps;
    private final WebhookMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public WebhookResource(WebhookSignature signature, ActivityPublisher publisher, RecentGuids recent, GapDetector gaps,
                           WebhookMetrics metrics) {
        this.signature = signature;
        this.publisher = publisher;
        this.recent = recent;
        this.gaps = gaps;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive one Tracker activity (v5 JSON or legacy v3 XML; the format is read from the body)")
    @APIResponse(responseCode = "200", description = "stored in Kafka (or stored recently: duplicate true)")
    @APIResponse(responseCode = "400", description = "empty or unreadable body")
    @APIResponse(responseCode = "404", description = "no such web hook URL (wrong signature)")
    @APIResponse(responseCode = "413", description = "body over 1 MiB")
    @APIResponse(responseCode = "422", description = "readable, but not a Tracker activity")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; nothing was stored; Retry-After says when to try again")
    public CompletionStage<Stored> receive(@PathParam("integrationId") @Parameter(description = "positive integration id") String integrationId,
                                           @PathParam("sig") @Parameter(description = "the URL's signature") String sig,
                                           byte[] body) {
        Timer.Sample timing = metrics.start();
        if (!signature.verify(integrationId, sig)) {
            metrics.rejected(timing, 404);
            // The same answer as any unknown path: a wrong guess learns nothing.
            throw new NotFoundException();
        }
        Activity activity;
        try {
            activity = Activities.parse(body);
        } catch (TrackerFormatException e) {
            metrics.rejected(timing, e.unreadable() ? 400 : 422);
            LOG.debugf("web hook for integration %s rejected: %s", integrationId, e.getMessage());
            throw e;
        }
        String guid = activity.guid();
        if (recent.seen(guid)) {
            metrics.duplicate(timing);
            return CompletableFuture.completedFuture(new Stored(guid, Topics.ACTIVITY, true));
        }
        long integration = Long.parseLong(integrationId);
        return publisher.publish(TrackerRecord.activity(activity, Origin.WEBHOOK, integration))
                .thenApply(ignored -> {
                    recent.stored(guid);
                    gaps.stored(activity.projectId(), activity.projectVersion()).ifPresent(gap -> {
                        metrics.gap();
                        LOG.infof("project %d skipped from version %d to %d: asking the poller for the activity in between",
                                gap.projectId(), gap.after(), gap.before());
                        publisher.publishInBackground(TrackerRecord.gapSyncRequest(integration, gap.projectId(), gap.after(), gap.before(), clock.instant()));
                    });
                    metrics.accepted(timing);
                    LOG.debugf("stored %s (%s) for integration %d", guid, activity.kind(), integration);
                    return new Stored(guid, Topics.ACTIVITY, false);
                })
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        metrics.rejected(timing, statusOf(error));
                    }
                });
    }

    private static int statusOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ProblemException p ? p.problem().status() : 500;
    }
}
