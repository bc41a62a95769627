package io.trackerhub.simulator.seed;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /_sim/seed}: {@code {"seed": 42, "projects": 3, "stories_per_project": 200}} for a generated world, or
 * {@code {"recorded": true}} for the world of the recordings (project 1027488).
 */
public record SeedRequest(Long seed, Integer projects, @JsonProperty("stories_per_project") Integer storiesPerProject, Boolean recorded) {
}
