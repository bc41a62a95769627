package io.trackerhub.v5;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Tracker API errors leave with Tracker's body; the simulator's own {@code /_sim} API keeps problem+json (service-kit). */
public class TrackerErrorMapper {

    @ServerExceptionMapper
    public Response tracker(TrackerException e) {
        return TrackerResponses.error(e);
    }
}
