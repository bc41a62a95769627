package io.trackerhub.ingest.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The guids this replica stored recently, so that a web hook delivered twice is answered without being published
 * twice. Bounded in size and age; it survives nothing and is only an optimisation: consumers dedupe by
 * {@code ce_id} anyway, because the poller publishes the same guids.
 */
@ApplicationScoped
public class RecentGuids {

    private final Cache<String, Boolean> guids;

    public RecentGuids(@ConfigProperty(name = "hub.ingest.duplicate-window.size", defaultValue = "20000") long size,
                       @ConfigProperty(name = "hub.ingest.duplicate-window.age", defaultValue = "PT15M") Duration age) {
        this.guids = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(age).build();
    }

    public boolean seen(String guid) {
        return guids.getIfPresent(guid) != null;
    }

    public void stored(String guid) {
        guids.put(guid, Boolean.TRUE);
    }
}
