package io.trackerhub.archive.v5;

import io.trackerhub.archive.store.Token;
import io.trackerhub.events.rest.TrackerHttp;
import io.trackerhub.kit.secrets.BearerSecrets;
import io.trackerhub.v5.TrackerException;
import io.trackerhub.v5.TrackerResponses;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * In front of the Tracker API: the archive is read-only (any other method is Tracker's 403), and every request carries
 * an {@code X-TrackerToken} an admin made ({@code POST /api/tokens}), compared by its SHA-256 hash (else Tracker's 401).
 * Runs on the endpoint's worker thread, so the token's lookup blocks no event loop.
 */
public class TokenFilter {

    static final String API = "/services/v5";

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(API) && !path.startsWith(API + "/")) {
            return Optional.empty();
        }
        String token = request.getHeaderString(TrackerHttp.TOKEN);
        if (token == null || token.isBlank() || Token.count("hash", BearerSecrets.sha256(token.strip())) == 0) {
            return Optional.of(TrackerResponses.error(TrackerException.invalidAuthentication()));
        }
        if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
            return Optional.of(TrackerResponses.error(TrackerException.readOnly(
                    "This server is an archive of Tracker exports: it answers reads only (GET), not " + request.getMethod() + ".")));
        }
        return Optional.empty();
    }
}
