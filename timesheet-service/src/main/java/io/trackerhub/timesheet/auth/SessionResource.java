package io.trackerhub.timesheet.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.users.User;
import io.trackerhub.timesheet.users.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The page's login: email and password in, an HttpOnly, SameSite=Strict session cookie out. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "session", description = "Log in and out of the web page")
public class SessionResource {

    public record Login(@NotBlank(message = "is required") String email, @NotBlank(message = "is required") String password) {
    }

    private final Users users;
    private final Sessions sessions;

    public SessionResource(Users users, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "{\"email\", \"password\"}; sets the session cookie and answers the user")
    public Response login(@Valid Login login, @Context UriInfo uri) {
        if (login == null) {
            throw ProblemException.invalid("email", "is required");
        }
        User user = users.check(login.email(), login.password())
                .orElseThrow(() -> new AuthenticationFailedException("wrong email or password"));
        String id = sessions.open(user);
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.ok(user).cookie(cookie(id, (int) sessions.length().toSeconds(), https)).build();
    }

    @DELETE
    @Operation(summary = "Log out", description = "ends the session of the cookie sent")
    public Response logout(@CookieParam(Sessions.COOKIE) String id) {
        if (id != null && !id.isBlank()) {
            sessions.close(id);
        }
        return Response.noContent().cookie(cookie("", 0, false)).build();
    }

    /** HttpOnly, SameSite=Strict (the CSRF defence), Secure when the page was reached over https. */
    private static NewCookie cookie(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(Sessions.COOKIE).value(value).path("/").httpOnly(true).maxAge(maxAge).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
