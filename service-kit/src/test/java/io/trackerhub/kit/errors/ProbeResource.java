package io.trackerhub.kit.errors;

import io.trackerhub.kit.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** A small API used only by service-kit's tests, shaped like the services' own. */
@Path("/kit-probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public record Story(@NotBlank String name, @Min(0) int estimate, List<String> labels) {
    }

    @POST
    @Path("/stories")
    @Consumes(MediaType.APPLICATION_JSON)
    public Story create(@Valid Story story) {
        return story;
    }

    @POST
    @Path("/activity")
    @Consumes(MediaType.WILDCARD)
    public String activity(byte[] body) {
        return "{\"guid\":\"" + io.trackerhub.events.activity.Activities.parse(body).guid() + "\"}";
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw ProblemException.conflict("story 63495972 is already linked to JIRA-7");
    }

    @GET
    @Path("/unavailable")
    public String unavailable() {
        throw ProblemException.unavailable("Kafka did not acknowledge in time", java.time.Duration.ofSeconds(5));
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("password=hunter2 at internal.Thing");
    }

    @GET
    @Path("/admin")
    @RolesAllowed(Roles.ADMIN)
    public String admin() {
        return "{\"ok\":true}";
    }

    /** A value the database refuses, as PostgreSQL reports a NUL character in text (SQLSTATE 22021). */
    @GET
    @Path("/refused-value")
    public String refusedValue() {
        throw new IllegalStateException("query failed", new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
    }

    /** Two requests made the same row at once: the second one's insert meets the first one's unique key (23505). */
    @GET
    @Path("/raced")
    public String raced() {
        throw new IllegalStateException("query failed", new java.sql.SQLException(
                "ERROR: duplicate key value violates unique constraint \"app_user_email_key\"\n  Detail: Key (email)=(a@b.c) already exists.", "23505"));
    }
}
