package io.trackerhub.kit.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Tells {@link Retrying} that the application is stopping, so consumers stop retrying and leave records unacknowledged. */
@ApplicationScoped
class ShutdownWatch {

    void started(@Observes StartupEvent event) {
        Retrying.stopping = false;
    }

    void stopping(@Observes ShutdownEvent event) {
        Retrying.stopping = true;
    }
}
