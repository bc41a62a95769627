package io.trackerhub.timesheet.users;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** Admins create and list users. Passwords are stored as bcrypt hashes and never returned. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(User.ADMIN)
@Blocking
@Tag(name = "users", description = "Users and their assignments")
public class UserResource {

    public record UserRequest(String email, String name, String password, String role) {
    }

    static final int MIN_PASSWORD = 8;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final Users users;

    public UserResource(Users users) {
        this.users = users;
    }

    @POST
    @Operation(summary = "Create a user", description = "{\"email\", \"name\", \"password\" (8+ characters), \"role\": admin | user}")
    public Response create(UserRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("send {\"email\", \"name\", \"password\", \"role\"}");
        }
        if (body.email() == null || !EMAIL.matcher(body.email().trim()).matches()) {
            throw ProblemException.invalid("email", body.email() == null ? "is required" : "'" + body.email() + "' is not an email address");
        }
        if (body.name() == null || body.name().isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (body.password() == null || body.password().length() < MIN_PASSWORD) {
            throw ProblemException.invalid("password", "must have at least " + MIN_PASSWORD + " characters");
        }
        String role = body.role() == null ? User.USER : body.role();
        if (!User.ADMIN.equals(role) && !User.USER.equals(role)) {
            throw ProblemException.invalid("role", "'" + role + "' is not one of admin, user");
        }
        User user = users.create(body.email(), body.name(), body.password(), role);
        return Response.created(URI.create("/api/users/" + user.id())).entity(user).build();
    }

    @GET
    @Operation(summary = "List users")
    public List<User> list() {
        return users.list();
    }

    @GET
    @Path("/{id}")
    public User get(@PathParam("id") long id) {
        return users.find(id).orElseThrow(() -> ProblemException.notFound("there is no user " + id));
    }
}
