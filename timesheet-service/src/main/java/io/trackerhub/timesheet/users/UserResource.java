package io.trackerhub.timesheet.users;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

/** Admins create and list users. Passwords are stored as bcrypt hashes and never returned. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(User.ADMIN)
@Blocking
@Tag(name = "users", description = "Users and their assignments")
public class UserResource {

    /** Body of POST; role defaults to user. */
    public record UserRequest(
            @NotNull(message = "is required") @Pattern(regexp = "\\s*[^@\\s]+@[^@\\s]+\\s*", message = "is not an email address") String email,
            @NotBlank(message = "is required") String name,
            @NotNull(message = "is required") @Size(min = MIN_PASSWORD, message = "must have at least " + MIN_PASSWORD + " characters") String password,
            @Pattern(regexp = User.ADMIN + "|" + User.USER, message = "is not one of admin, user") String role) {
    }

    static final int MIN_PASSWORD = 8;

    private final Users users;

    public UserResource(Users users) {
        this.users = users;
    }

    @POST
    @Operation(summary = "Create a user", description = "{\"email\", \"name\", \"password\" (8+ characters), \"role\": admin | user}")
    public Response create(@Valid UserRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("send {\"email\", \"name\", \"password\", \"role\"}");
        }
        User user = users.create(body.email(), body.name(), body.password(), body.role() == null ? User.USER : body.role());
        return Response.created(URI.create("/api/users/" + user.id)).entity(user).build();
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
