package io.trackerhub.simulator.api;

import io.trackerhub.events.activity.Person;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The caller's way into a project: 404 when there is no such project, 403 when the caller is not a member. */
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

    public Person me() {
        return world.person(caller.personId()).orElseThrow(TrackerException::invalidAuthentication);
    }

    public long personId() {
        return caller.personId();
    }
}
