package io.trackerhub.simulator.webhooks;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.simulator.faults.Faults;
import io.trackerhub.simulator.faults.Stats;
import io.trackerhub.simulator.world.Webhook;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.Millis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * POSTs every recorded activity to the web hooks of its project, once, without retries (as Tracker did). One sender
 * thread and a bounded queue keep each project's web hooks in version order; a full queue counts as failed.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    @Inject
    World world;
    @Inject
    Faults faults;
    @Inject
    Stats stats;

    @ConfigProperty(name = "sim.webhooks.timeout", defaultValue = "PT5S")
    Duration timeout;

    @ConfigProperty(name = "sim.webhooks.queue-size", defaultValue = "10000")
    int queueSize;

    private ThreadPoolExecutor sender;
    private HttpClient http;

    void start(@Observes StartupEvent event) {
        http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
            Thread t = new Thread(r, "sim-webhooks");
            t.setDaemon(true);
            return t;
        });
        world.onActivity(this::enqueue);
    }

    void stop(@Observes ShutdownEvent event) {
        sender.shutdown();
    }

    /** Called under the project's lock, in version order: only queues, never waits on the network. */
    void enqueue(Activity activity) {
        List<Webhook> hooks = world.project(activity.projectId()).map(p -> p.read(v -> v.webhooks())).orElse(List.of());
        for (Webhook hook : hooks) {
            try {
                sender.execute(() -> send(hook, activity));
            } catch (RejectedExecutionException full) {
                stats.webhookFailed();
            }
        }
    }

    private void send(Webhook hook, Activity activity) {
        if (faults.dropWebhookNow()) {
            stats.webhookDropped();
            return;
        }
        boolean v3 = Webhook.V3.equals(hook.version());
        String body = v3 ? Activities.toV3Xml(activity) : v5Body(activity);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url())).timeout(timeout)
                .header("Content-Type", v3 ? "application/xml" : "application/json")
                .header("User-Agent", "tracker-simulator")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                stats.webhookSent();
            } else {
                stats.webhookFailed();
                LOG.debugf("web hook %d of project %d answered %d for %s", hook.id(), hook.projectId(), response.statusCode(), activity.guid());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stats.webhookFailed();
            LOG.debugf("web hook %d of project %d failed for %s: %s", hook.id(), hook.projectId(), activity.guid(), e.toString());
        }
    }

    /** v5 web hook JSON: epoch-millisecond timestamps, also inside new_values and original_values. */
    public static String v5Body(Activity activity) {
        return TrackerJson.writeString(Millis.convert(Activities.toTree(activity)));
    }
}
