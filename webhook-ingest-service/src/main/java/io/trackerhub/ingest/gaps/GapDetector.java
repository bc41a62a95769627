package io.trackerhub.ingest.gaps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Tracker's {@code project_version} is contiguous per project, so a web hook whose version skips ahead of the
 * highest one seen means activity was lost on the way (Tracker never retries). Remembers the highest version per
 * project (bounded, in memory: an optimisation the poller's own cursor backs up) and reports each new gap once;
 * an activity that arrives late, below the highest version, reports nothing.
 */
@ApplicationScoped
public class GapDetector {

    /** Versions strictly between {@code after} and {@code before} were not seen. */
    public record Gap(long projectId, long after, long before) {
    }

    private final Cache<Long, Long> highestVersion;

    public GapDetector(@ConfigProperty(name = "hub.ingest.gap.projects", defaultValue = "100000") long projects) {
        this.highestVersion = Caffeine.newBuilder().maximumSize(projects).build();
    }

    /** Records that {@code version} of {@code projectId} was stored; returns the gap it reveals, if any. */
    public Optional<Gap> stored(long projectId, long version) {
        Gap[] gap = new Gap[1];
        highestVersion.asMap().merge(projectId, version, (highest, arriving) -> {
            if (arriving > highest + 1) {
                gap[0] = new Gap(projectId, highest, arriving);
            }
            return Math.max(highest, arriving);
        });
        return Optional.ofNullable(gap[0]);
    }
}
