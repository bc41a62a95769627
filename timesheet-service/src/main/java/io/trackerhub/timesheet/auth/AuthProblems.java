package io.trackerhub.timesheet.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.trackerhub.kit.errors.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as this service's callers need them: service-kit's mappers speak of the admin token only, while here
 * people log in. Registered ahead of the kit's (a lower priority number wins).
 */
public class AuthProblems {

    static final String HOW = "send 'Authorization: Basic' with your email and password, a personal token as "
            + "'Authorization: Bearer tst_…', or log in on the page";

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response unauthenticated(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return unauthorized(uri, headers, "not logged in: " + HOW);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? "credentials not accepted" : e.getMessage();
        return unauthorized(uri, headers, why + ": " + HOW);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "only an admin may do that" : e.getMessage();
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Forbidden", detail).withInstance(uri.getPath())).build();
    }

    private static Response unauthorized(UriInfo uri, HttpHeaders headers, String detail) {
        boolean page = headers.getHeaderString(UserAuthMechanism.PAGE_HEADER) != null;
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, page ? "Session" : "Basic realm=\"timesheet\", charset=\"UTF-8\"")
                .entity(Problem.of(401, "Unauthorized", detail).withInstance(uri.getPath()))
                .build();
    }
}
