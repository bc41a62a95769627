package io.trackerhub.simulator.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.rest.ProjectMembership;
import io.trackerhub.events.rest.Story;
import io.trackerhub.simulator.stories.StoryChanges;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.TrackerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic changes at a steady rate, for load and demos: create, estimate, start, finish, deliver, accept, reject,
 * comment, delete (now and then several at once) and move stories of random projects, within a project or to another
 * one, each through {@link StoryChanges} as a member of the project.
 */
@ApplicationScoped
public class Generator {

    private static final Logger LOG = Logger.getLogger(Generator.class);

    @Inject
    World world;
    @Inject
    StoryChanges changes;

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-generator");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random();
    private final AtomicLong performed = new AtomicLong();
    private volatile ScheduledFuture<?> running;
    private volatile Instant until;
    private volatile double rate;

    public synchronized void start(double ratePerSecond, long durationSeconds) {
        stop();
        rate = ratePerSecond;
        until = Instant.now().plusSeconds(durationSeconds);
        long periodMicros = Math.max(1, (long) (1_000_000 / ratePerSecond));
        running = clock.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    public synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    public boolean isRunning() {
        return running != null && !running.isDone();
    }

    public long performed() {
        return performed.get();
    }

    public double rate() {
        return isRunning() ? rate : 0;
    }

    public Instant until() {
        return isRunning() ? until : null;
    }

    void shutdown(@Observes ShutdownEvent event) {
        clock.shutdownNow();
    }

    private void tick() {
        if (Instant.now().isAfter(until)) {
            stop();
            return;
        }
        try {
            if (changeSomething()) {
                performed.incrementAndGet();
            }
        } catch (TrackerException conflict) {
            // the story moved on between choosing and changing it (another client, the generator itself): skip this tick
        } catch (RuntimeException e) {
            LOG.warn("generator step failed", e);
        }
    }

    private boolean changeSomething() {
        List<ProjectState> projects = world.projects();
        if (projects.isEmpty()) {
            return false;
        }
        ProjectState project = projects.get(random.nextInt(projects.size()));
        List<ProjectMembership> members = project.read(ProjectState.View::memberships);
        if (members.isEmpty()) {
            return false;
        }
        Person by = world.person(members.get(random.nextInt(members.size())).personId()).orElse(null);
        List<Story> stories = project.read(ProjectState.View::stories);
        int roll = random.nextInt(100);
        if (stories.isEmpty() || roll < 10) {
            changes.create(project, by, TrackerJson.mapper().createObjectNode()
                    .put("name", "Generated story " + performed.get()).put("story_type", random.nextInt(4) == 0 ? "bug" : "feature"));
            return true;
        }
        Story story = stories.get(random.nextInt(stories.size()));
        if (roll < 15) {
            changes.comment(project, by, story.id(), TrackerJson.mapper().createObjectNode().put("text", "Progress update #" + performed.get()));
            return true;
        }
        if (roll < 18 && stories.size() > 20) {
            // now and then several at once, as Tracker's web UI deleted them: one activity for all
            int count = roll == 15 ? 2 + random.nextInt(2) : 1;
            Set<Long> doomed = new LinkedHashSet<>();
            while (doomed.size() < count) {
                doomed.add(stories.get(random.nextInt(stories.size())).id());
            }
            changes.delete(project, by, doomed);
            return true;
        }
        if (roll < 20 && projects.size() > 1) {
            return moveToAnotherProject(project, projects, story);
        }
        ObjectNode update = TrackerJson.mapper().createObjectNode();
        if (roll < 25 && stories.size() > 1) {
            update.put("before_id", stories.get(random.nextInt(stories.size())).id());
        } else if ("feature".equals(story.storyType()) && story.estimate() == null) {
            update.put("estimate", List.of(1, 2, 3).get(random.nextInt(3)));
        } else {
            String next = switch (story.currentState() == null ? "unscheduled" : story.currentState()) {
                case "unscheduled", "planned" -> "unstarted";
                case "unstarted", "rejected" -> "started";
                case "started" -> "finished";
                case "finished" -> "delivered";
                case "delivered" -> random.nextInt(4) == 0 ? "rejected" : "accepted";
                default -> null;
            };
            if (next == null || "release".equals(story.storyType()) && !"accepted".equals(next) && !"unstarted".equals(next)) {
                changes.comment(project, by, story.id(), TrackerJson.mapper().createObjectNode().put("text", "Looked at this again."));
                return true;
            }
            update.put("current_state", next);
        }
        changes.update(project, by, story.id(), update);
        return true;
    }

    /** Moves the story to another project, as someone who may write to both; false when no one may. */
    private boolean moveToAnotherProject(ProjectState from, List<ProjectState> projects, Story story) {
        List<ProjectState> others = projects.stream().filter(p -> p.id() != from.id()).toList();
        ProjectState to = others.get(random.nextInt(others.size()));
        List<Long> movers = from.read(view -> view.memberships().stream().map(ProjectMembership::personId)
                .filter(id -> id != null && view.isWriter(id)).toList()).stream()
                .filter(id -> to.read(view -> view.isWriter(id))).toList();
        if (movers.isEmpty()) {
            return false;
        }
        Person mover = world.person(movers.get(random.nextInt(movers.size()))).orElseThrow();
        changes.moveToProject(from, to, mover, story.id());
        return true;
    }
}
