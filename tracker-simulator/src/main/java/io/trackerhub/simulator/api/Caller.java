package io.trackerhub.simulator.api;

import io.trackerhub.v5.TrackerException;
import jakarta.enterprise.context.RequestScoped;

/** The person whose {@code X-TrackerToken} made this request; set by {@link TrackerRequestFilter}. */
@RequestScoped
public class Caller {

    private Long personId;

    void authenticate(long personId) {
        this.personId = personId;
    }

    public long personId() {
        if (personId == null) {
            throw TrackerException.invalidAuthentication();
        }
        return personId;
    }
}
