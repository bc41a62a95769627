package io.trackerhub.simulator.api;

import io.trackerhub.events.rest.TrackerHttp;
import io.trackerhub.simulator.faults.Faults;
import io.trackerhub.simulator.faults.Stats;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.TrackerException;
import io.trackerhub.v5.TrackerResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Optional;

/**
 * In front of every Tracker API request: injected faults (latency, 429, 5xx), then the {@code X-TrackerToken}.
 * Runs on the worker thread of the endpoint, so the injected latency blocks no event loop.
 */
public class TrackerRequestFilter {

    static final String API = "/services/v5";

    @Inject
    World world;
    @Inject
    Faults faults;
    @Inject
    Stats stats;
    @Inject
    Caller caller;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) throws InterruptedException {
        if (!isTrackerApi(request)) {
            return Optional.empty();
        }
        int latency = faults.latencyMs();
        if (latency > 0) {
            Thread.sleep(latency);
        }
        if (faults.rateLimitNow()) {
            Response limited = TrackerResponses.error(TrackerException.rateLimited());
            limited.getHeaders().add("Retry-After", String.valueOf(faults.settings().retryAfterSeconds()));
            return Optional.of(limited);
        }
        if (faults.errorNow()) {
            return Optional.of(TrackerResponses.error(TrackerException.serverError("The simulator injected this error (PUT /_sim/faults error_share).")));
        }
        String token = request.getHeaderString(TrackerHttp.TOKEN);
        Optional<Long> person = faults.isRevoked(token) ? Optional.empty() : world.personOfToken(token);
        if (person.isEmpty()) {
            return Optional.of(TrackerResponses.error(TrackerException.invalidAuthentication()));
        }
        caller.authenticate(person.get());
        return Optional.empty();
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if (isTrackerApi(request)) {
            stats.served(response.getStatus());
        }
    }

    private static boolean isTrackerApi(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith(API + "/") || path.equals(API);
    }
}
