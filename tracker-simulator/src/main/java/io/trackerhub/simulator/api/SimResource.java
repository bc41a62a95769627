package io.trackerhub.simulator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.rest.ProjectMembership;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.simulator.faults.FaultSettings;
import io.trackerhub.simulator.faults.Faults;
import io.trackerhub.simulator.faults.Stats;
import io.trackerhub.simulator.generator.Generator;
import io.trackerhub.simulator.seed.RecordedWorld;
import io.trackerhub.simulator.seed.SeedRequest;
import io.trackerhub.simulator.seed.SeededWorld;
import io.trackerhub.simulator.seed.WorldSeeder;
import io.trackerhub.simulator.stories.StoryChanges;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own control API: seed and empty the world, run the generator, set faults, read stats, and changes
 * Tracker's web UI could make but its API could not (deleting several stories at once). Admin token only.
 */
@Path("/_sim")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Simulator control")
public class SimResource {

    @Inject
    World world;
    @Inject
    WorldSeeder seeder;
    @Inject
    RecordedWorld recorded;
    @Inject
    Faults faults;
    @Inject
    Stats stats;
    @Inject
    Generator generator;
    @Inject
    StoryChanges changes;

    @POST
    @Path("/seed")
    @Operation(summary = "Add a world generated from a seed number, or the recorded world ({\"recorded\": true})")
    public Response seed(SeedRequest request) {
        SeedRequest given = request == null ? new SeedRequest(null, null, null, null) : request;
        SeededWorld seeded;
        if (Boolean.TRUE.equals(given.recorded())) {
            seeded = recorded.load();
        } else {
            seeded = seeder.seed(given.seed() == null ? 42L : given.seed(), given.projects() == null ? 1 : given.projects(),
                    given.storiesPerProject() == null ? 50 : given.storiesPerProject());
        }
        return Response.status(201).entity(seeded).build();
    }

    @DELETE
    @Path("/world")
    @Operation(summary = "Empty the world: projects, people, tokens, web hooks, activity")
    public Response clear() {
        generator.stop();
        world.clear();
        return Response.noContent().build();
    }

    @POST
    @Path("/generator")
    @Operation(summary = "Perform realistic changes at rate_per_s for duration_s seconds")
    public Map<String, Object> startGenerator(GeneratorRequest request) {
        if (request == null || request.rate_per_s() == null || request.rate_per_s() <= 0 || request.rate_per_s() > 1000) {
            throw ProblemException.invalid("rate_per_s", "give a rate between 0 and 1000 changes per second, e.g. 5");
        }
        long duration = request.duration_s() == null ? 60 : request.duration_s();
        if (duration < 1 || duration > 86_400) {
            throw ProblemException.invalid("duration_s", duration + " is out of range; give 1 to 86400 seconds");
        }
        if (world.projects().isEmpty()) {
            throw ProblemException.conflict("the world is empty: POST /_sim/seed first");
        }
        generator.start(request.rate_per_s(), duration);
        return generatorState();
    }

    @GET
    @Path("/generator")
    public Map<String, Object> generatorState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("running", generator.isRunning());
        state.put("rate_per_s", generator.rate());
        state.put("until", generator.until() == null ? null : generator.until().toString());
        state.put("performed", generator.performed());
        return state;
    }

    @DELETE
    @Path("/generator")
    public Response stopGenerator() {
        generator.stop();
        return Response.noContent().build();
    }

    @PUT
    @Path("/faults")
    @Operation(summary = "Replace the faults in force; {} clears them")
    public Map<String, Object> setFaults(FaultSettings settings) {
        faults.replace(settings);
        return faults.inForce();
    }

    @GET
    @Path("/faults")
    public Map<String, Object> getFaults() {
        return faults.inForce();
    }

    @POST
    @Path("/projects/{projectId}/delete-stories")
    @Operation(summary = "Delete several stories in one story_delete_activity, as Tracker's web UI did ({\"story_ids\": [...]})")
    public JsonNode deleteStories(@PathParam("projectId") long projectId, DeleteStoriesRequest request) {
        ProjectState project = world.project(projectId).orElseThrow(() -> ProblemException.notFound("there is no project " + projectId));
        if (request == null || request.storyIds() == null || request.storyIds().isEmpty()) {
            throw ProblemException.invalid("story_ids", "give the ids of the stories to delete, e.g. [100000001, 100000002]");
        }
        List<Long> missing = project.read(view -> request.storyIds().stream().filter(id -> id == null || view.story(id) == null).toList());
        if (!missing.isEmpty()) {
            throw ProblemException.invalid("story_ids", "project " + projectId + " has no stories " + missing);
        }
        Person by = performer(project, request.personId());
        return TrackerJson.toTree(changes.delete(project, by, request.storyIds()));
    }

    /** Who performs a control change: the given member, else the project's owner. */
    private Person performer(ProjectState project, Long personId) {
        List<ProjectMembership> members = project.read(ProjectState.View::memberships);
        Long chosen = personId != null ? personId
                : members.stream().filter(m -> "owner".equals(m.role())).findFirst().orElse(members.get(0)).personId();
        if (members.stream().noneMatch(m -> chosen.equals(m.personId()))) {
            throw ProblemException.invalid("person_id", chosen + " is not a member of project " + project.id());
        }
        return world.person(chosen).orElseThrow();
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Requests served by status, web hooks sent/dropped/failed, faults in force")
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", stats.requests());
        out.put("requests_by_status", stats.requestsByStatus());
        out.put("webhooks", stats.webhooks());
        out.put("faults", faults.inForce());
        out.put("projects", world.projects().size());
        out.put("generator", generatorState());
        return out;
    }

    /** {@code {"story_ids": [100000001, 100000002], "person_id": 3000001}}; the performer defaults to the project's owner. */
    public record DeleteStoriesRequest(@JsonProperty("story_ids") List<Long> storyIds, @JsonProperty("person_id") Long personId) {
    }

    /** {@code {"rate_per_s": 5, "duration_s": 60}}. */
    public record GeneratorRequest(Double rate_per_s, Long duration_s) {
    }
}
