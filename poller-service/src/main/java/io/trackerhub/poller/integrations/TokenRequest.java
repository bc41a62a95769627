package io.trackerhub.poller.integrations;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code PUT /api/integrations/{id}/token}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenRequest(String apiToken) {

    @Override
    public String toString() {
        return "TokenRequest[apiToken=***]";
    }
}
