package io.trackerhub.simulator.seed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.rest.Comment;
import io.trackerhub.events.rest.Epic;
import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Notification;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.ProjectMembership;
import io.trackerhub.events.rest.Story;
import io.trackerhub.events.rest.Task;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.simulator.stories.StoryChanges;
import io.trackerhub.simulator.world.Ids;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.Trees;
import io.trackerhub.simulator.world.World;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.trackerhub.simulator.seed.Names.pick;

/**
 * A world generated from a seed number: the same seed in an empty simulator gives the same names, states and times
 * (all drawn from one {@link Random}; times count from a fixed date, not from now), and the same ids within one run of
 * the simulator (after {@code DELETE /_sim/world}); a restarted simulator gives the same world other ids ({@link Ids}).
 * Only the API token is new each time.
 */
@ApplicationScoped
public class WorldSeeder {

    /** Seeded worlds live in the half year before this date, so that a seed means the same world on any day. */
    static final Instant EPOCH = Instant.parse("2025-04-28T08:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final int WEEKS = 26;

    @Inject
    World world;
    @Inject
    StoryChanges changes;

    public SeededWorld seed(long seed, int projectCount, int storiesPerProject) {
        if (projectCount < 1 || projectCount > 200) {
            throw ProblemException.invalid("projects", projectCount + " is out of range; give 1 to 200");
        }
        if (storiesPerProject < 0 || storiesPerProject > world.maxStoriesPerProject()) {
            throw ProblemException.invalid("stories_per_project", storiesPerProject + " is out of range; give 0 to "
                    + world.maxStoriesPerProject() + " (sim.max-stories-per-project)");
        }
        if (world.projects().size() + projectCount > world.maxProjects()) {
            throw ProblemException.conflict("the simulator would hold more than " + world.maxProjects()
                    + " projects (sim.max-projects); DELETE /_sim/world first");
        }
        Random random = new Random(seed);
        Ids ids = world.ids();
        // the draw that once placed the story ids, kept so that each seed's world stays as it was: a seed-dependent
        // start of up to 900 million would take a run's story ids past where a restart seconds later starts (Ids)
        random.nextInt(800_000_000);
        List<Person> people = new ArrayList<>();
        int size = 3 + random.nextInt(4);
        for (int i = 0; i < size; i++) {
            String first = pick(random, Names.FIRST);
            String last = pick(random, Names.LAST);
            long id = ids.next(Ids.Kind.PERSON);
            String username = (first + last.charAt(0)).toLowerCase() + (id % 1000);
            Person person = new Person(Person.KIND, id, first + " " + last, ("" + first.charAt(0) + last.charAt(0)).toUpperCase(),
                    username + "@example.com", username, Map.of());
            people.add(person);
            world.putPerson(person);
        }
        random.nextBytes(new byte[16]); // the draw that once made the token, kept so that each seed's world stays as it was
        Person me = people.get(0);
        String token = world.grantNewToken(me.id());
        List<Long> projectIds = new ArrayList<>();
        for (int p = 0; p < projectCount; p++) {
            projectIds.add(project(random, people, storiesPerProject, p).id());
        }
        notifications(random, me, people, projectIds);
        return new SeededWorld(token, me.id(), projectIds);
    }

    private ProjectState project(Random random, List<Person> people, int storyCount, int index) {
        long id = world.ids().next(Ids.Kind.PROJECT);
        Instant start = EPOCH.minus(WEEK.multipliedBy(WEEKS));
        ObjectNode node = TrackerJson.mapper().createObjectNode();
        String name = Names.PROJECTS.get((index + random.nextInt(Names.PROJECTS.size())) % Names.PROJECTS.size());
        node.put("id", id).put("kind", "project").put("name", name).put("version", 1).put("iteration_length", 1)
                .put("week_start_day", "Monday").put("point_scale", "0,1,2,3,5,8").put("point_scale_is_custom", false)
                .put("bugs_and_chores_are_estimatable", false).put("automatic_planning", true).put("enable_tasks", true);
        node.putObject("time_zone").put("kind", "time_zone").put("olson_name", "America/Los_Angeles").put("offset", "-07:00");
        node.put("velocity_averaged_over", 3).put("number_of_done_iterations_to_show", 12).put("has_google_domain", false)
                .put("enable_incoming_emails", true).put("initial_velocity", 10).put("public", false).put("atom_enabled", false)
                .put("project_type", "private").put("start_time", Timestamps.format(start))
                .put("created_at", Timestamps.format(start.minus(Duration.ofDays(3)))).put("updated_at", Timestamps.format(start))
                .put("account_id", 600_000 + random.nextInt(100_000)).put("current_iteration_number", WEEKS + 1)
                .put("enable_following", true);
        ProjectState project = world.addProject(Trees.of(node, Project.class));
        project.change(edit -> {
            for (int i = 0; i < people.size(); i++) {
                Person person = people.get(i);
                edit.putMembership(new ProjectMembership("project_membership", world.ids().next(Ids.Kind.MEMBERSHIP), id, person.id(),
                        person, i == 0 ? "owner" : (i == people.size() - 1 ? "viewer" : "member"), "555555", true, EPOCH, start, start, Map.of()));
            }
            List<Label> labels = new ArrayList<>();
            for (String labelName : Names.LABELS.subList(0, 6 + random.nextInt(6))) {
                Label label = new Label("label", world.ids().next(Ids.Kind.LABEL), id, labelName, start, start, Map.of());
                labels.add(label);
                edit.putLabel(label);
            }
            for (int e = 0; e < 2 + random.nextInt(3); e++) {
                String epicName = Names.EPICS.get((e + index) % Names.EPICS.size());
                Label label = new Label("label", world.ids().next(Ids.Kind.LABEL), id, epicName.toLowerCase(), start, start, Map.of());
                edit.putLabel(label);
                long epicId = world.ids().next(Ids.Kind.EPIC);
                edit.putEpic(new Epic("epic", epicId, id, epicName, "Everything for " + epicName.toLowerCase() + ".", null, label,
                        changes.epicUrl(epicId), null, null, start, start, Map.of()));
            }
            for (int s = 0; s < storyCount; s++) {
                story(random, edit, id, people, labels, start);
            }
            return null;
        });
        return project;
    }

    private void story(Random random, ProjectState.Edit edit, long projectId, List<Person> people, List<Label> labels, Instant start) {
        int roll = random.nextInt(100);
        String type = roll < 60 ? "feature" : roll < 80 ? "bug" : roll < 95 ? "chore" : "release";
        int stateRoll = random.nextInt(100);
        String state = stateRoll < 35 ? "accepted" : stateRoll < 45 ? "delivered" : stateRoll < 52 ? "finished"
                : stateRoll < 62 ? "started" : stateRoll < 65 ? "rejected" : stateRoll < 85 ? "unstarted" : "unscheduled";
        if ("release".equals(type) && !List.of("accepted", "unstarted", "unscheduled").contains(state)) {
            state = "unstarted";
        }
        long id = world.ids().next(Ids.Kind.STORY);
        Instant created = start.plus(Duration.ofMinutes(random.nextInt(WEEKS * 7 * 24 * 60 / 2)));
        Instant updated = created.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)));
        if (updated.isAfter(EPOCH)) {
            updated = EPOCH;
        }
        String name = switch (type) {
            case "feature" -> pick(random, Names.ACTORS) + " " + pick(random, Names.ACTIONS) + " " + pick(random, Names.GOALS);
            case "bug" -> pick(random, Names.BUGS);
            case "chore" -> pick(random, Names.CHORES);
            default -> pick(random, Names.RELEASES);
        };
        ObjectNode node = TrackerJson.mapper().createObjectNode();
        node.put("kind", "story").put("id", id).put("created_at", Timestamps.format(created)).put("updated_at", Timestamps.format(updated));
        if ("accepted".equals(state)) {
            node.put("accepted_at", Timestamps.format(updated));
        }
        if ("release".equals(type)) {
            node.put("deadline", Timestamps.format(EPOCH.plus(Duration.ofDays(7 + random.nextInt(60)))));
        }
        if ("feature".equals(type) && !"unscheduled".equals(state)) {
            node.put("estimate", List.of(0, 1, 2, 3, 5, 8).get(random.nextInt(6)));
        }
        node.put("story_type", type).put("name", name);
        if (random.nextInt(3) > 0) {
            node.put("description", "As described in the " + pick(random, Names.LABELS) + " review: " + name.toLowerCase() + ".");
        }
        node.put("current_state", state).put("requested_by_id", pick(random, people).id()).put("url", changes.storyUrl(id))
                .put("project_id", projectId);
        ArrayNode owners = node.putArray("owner_ids");
        if (!List.of("unstarted", "unscheduled").contains(state) && !"release".equals(type)) {
            owners.add(pick(random, people).id());
        }
        ArrayNode storyLabels = node.putArray("labels");
        int labelCount = random.nextInt(3);
        for (int l = 0; l < labelCount; l++) {
            Label label = pick(random, labels);
            if (storyLabels.findValues("id").stream().noneMatch(v -> v.asLong() == label.id())) {
                storyLabels.add(TrackerJson.toTree(label));
            }
        }
        edit.putStory(Trees.of(node, Story.class));
        if (random.nextInt(10) < 3) {
            for (int c = 0; c < 1 + random.nextInt(2); c++) {
                Person author = pick(random, people);
                String text = String.format(pick(random, Names.COMMENTS), pick(random, people).username());
                Instant at = updated.minus(Duration.ofMinutes(random.nextInt(600)));
                edit.putStoryComment(new Comment("comment", world.ids().next(Ids.Kind.COMMENT), id, null, text, author.id(), at, at, Map.of()));
            }
        }
        if (random.nextInt(10) < 2) {
            for (int t = 0; t < 1 + random.nextInt(3); t++) {
                edit.putTask(new Task("task", world.ids().next(Ids.Kind.TASK), id, pick(random, Names.TASKS),
                        "accepted".equals(state) || random.nextBoolean(), t + 1, created, updated, Map.of()));
            }
        }
    }

    private void notifications(Random random, Person me, List<Person> people, List<Long> projectIds) {
        for (long projectId : projectIds) {
            ProjectState project = world.project(projectId).orElseThrow();
            List<Story> stories = project.read(v -> v.stories().subList(0, Math.min(5, v.storyCount())));
            for (Story story : stories) {
                Person performer = people.get(people.size() > 1 ? 1 + random.nextInt(people.size() - 1) : 0);
                Instant at = story.updatedAt();
                world.addNotification(me.id(), new Notification("notification", world.ids().next(Ids.Kind.NOTIFICATION),
                        new Resource("project", projectId, project.read(v -> v.project().name()), null, null, Map.of()),
                        new Person(Person.KIND, performer.id(), performer.name(), null, null, null, Map.of()),
                        "You were mentioned by " + performer.name(), "@" + me.username() + " can you take a look?",
                        "comment_with_mention", "create", new Resource("story", story.id(), story.name(), null, null, Map.of()),
                        null, null, null, at, at, Map.of()));
            }
        }
    }
}
