package io.trackerhub.simulator.world;

import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.rest.Notification;
import io.trackerhub.events.rest.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything the simulator knows: projects (each behind its own lock), people, API tokens and notifications.
 * In memory and bounded by configuration; {@link #clear()} empties it.
 */
@ApplicationScoped
public class World {

    private static final SecureRandom TOKENS = new SecureRandom();

    private final Map<Long, ProjectState> projects = new ConcurrentHashMap<>();
    private final Map<Long, Person> people = new ConcurrentHashMap<>();
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<Long, List<Notification>> notifications = new ConcurrentHashMap<>();
    private final List<Consumer<Activity>> listeners = new CopyOnWriteArrayList<>();
    /** Made when the simulator starts: its offset comes from the clock, so a restart never reuses an earlier run's ids. */
    private final Ids ids = new Ids();

    @Inject
    @ConfigProperty(name = "sim.activity.max-per-project", defaultValue = "50000")
    int maxActivities;

    @Inject
    @ConfigProperty(name = "sim.activity.max-age")
    Optional<Duration> maxAge;

    @Inject
    @ConfigProperty(name = "sim.max-projects", defaultValue = "1000")
    int maxProjects;

    @Inject
    @ConfigProperty(name = "sim.max-stories-per-project", defaultValue = "200000")
    int maxStoriesPerProject;

    public Ids ids() {
        return ids;
    }

    public int maxStoriesPerProject() {
        return maxStoriesPerProject;
    }

    public int maxProjects() {
        return maxProjects;
    }

    /** Called for every recorded activity, under the project's lock, in version order. */
    public void onActivity(Consumer<Activity> listener) {
        listeners.add(listener);
    }

    public ProjectState addProject(Project project) {
        if (projects.size() >= maxProjects && !projects.containsKey(project.id())) {
            throw new WorldFullException("the simulator holds " + projects.size() + " projects, its limit (sim.max-projects); DELETE /_sim/world to start again");
        }
        ProjectState state = new ProjectState(project, new Retention(maxActivities, maxAge.orElse(null)),
                activity -> listeners.forEach(l -> l.accept(activity)));
        projects.put(project.id(), state);
        ids.claim(Ids.Kind.PROJECT, project.id());
        return state;
    }

    public void removeProject(long projectId) {
        projects.remove(projectId);
    }

    public Optional<ProjectState> project(long projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    public List<ProjectState> projects() {
        List<ProjectState> all = new ArrayList<>(projects.values());
        all.sort(Comparator.comparingLong(ProjectState::id));
        return all;
    }

    public void putPerson(Person person) {
        people.put(person.id(), person);
        ids.claim(Ids.Kind.PERSON, person.id());
    }

    public Optional<Person> person(long personId) {
        return Optional.ofNullable(people.get(personId));
    }

    /** A new API token for the person: random, never derived from a seed, so that two worlds of one seed never share a token. */
    public String grantNewToken(long personId) {
        byte[] bytes = new byte[16];
        TOKENS.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        tokens.put(token, personId);
        return token;
    }

    public Optional<Long> personOfToken(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(tokens.get(token));
    }

    /** The token of a person, for {@code /me}. */
    public Optional<String> tokenOf(long personId) {
        return tokens.entrySet().stream().filter(e -> e.getValue() == personId).map(Map.Entry::getKey).sorted().findFirst();
    }

    public void addNotification(long personId, Notification notification) {
        notifications.computeIfAbsent(personId, k -> new CopyOnWriteArrayList<>()).add(notification);
    }

    public List<Notification> notifications(long personId) {
        return List.copyOf(notifications.getOrDefault(personId, List.of()));
    }

    /** The story with this id in any project, for {@code /stories/{id}}. */
    public Optional<ProjectState> projectOfStory(long storyId) {
        return projects.values().stream().filter(p -> p.read(v -> v.story(storyId) != null)).findFirst();
    }

    public Optional<ProjectState> projectOfEpic(long epicId) {
        return projects.values().stream().filter(p -> p.read(v -> v.epic(epicId) != null)).findFirst();
    }

    public void clear() {
        projects.clear();
        people.clear();
        tokens.clear();
        notifications.clear();
        ids.reset();
    }

    /** A request that would take the world over one of its configured limits. */
    public static class WorldFullException extends RuntimeException {
        public WorldFullException(String message) {
            super(message);
        }
    }
}
