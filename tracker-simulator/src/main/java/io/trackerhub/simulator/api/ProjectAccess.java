package io.trackerhub.simulator.api;

import io.trackerhub.events.activity.Person;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.TrackerException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The caller's way into a project: 404 when there is no such project, 403 when the caller is not a member (or, for a
 * story move, only a viewer).
 */
@RequestScoped
public class ProjectAccess {

    @Inject
    World world;
    @Inject
    Caller caller;

    public ProjectState project(long projectId) {
        ProjectState project = world.project(projectId).orElseThrow(TrackerException::unfound);
        if (!project.read(v -> v.isMember(caller.personId()))) {
            throw TrackerException.unauthorized();
        }
        return project;
    }

    /** A project whose stories the caller may change (a story move needs that of both projects): else 403. */
    public ProjectState writable(long projectId) {
        ProjectState project = world.project(projectId).orElseThrow(TrackerException::unfound);
        if (!project.read(v -> v.isWriter(caller.personId()))) {
            throw TrackerException.unauthorized();
        }
        return project;
    }

    public Person me() {
        return world.person(caller.personId()).orElseThrow(TrackerException::invalidAuthentication);
    }

    public long personId() {
        return caller.personId();
    }
}
