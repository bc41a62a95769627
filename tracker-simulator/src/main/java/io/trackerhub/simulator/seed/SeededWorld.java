package io.trackerhub.simulator.seed;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The answer of {@code POST /_sim/seed}: a token that works as {@code X-TrackerToken}, its person and the new projects. */
public record SeededWorld(@JsonProperty("api_token") String apiToken, @JsonProperty("person_id") long personId,
                          @JsonProperty("project_ids") List<Long> projectIds) {
}
