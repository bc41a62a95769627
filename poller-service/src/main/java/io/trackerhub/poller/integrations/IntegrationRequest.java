package io.trackerhub.poller.integrations;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** Body of {@code POST /api/integrations}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntegrationRequest(String name, String apiToken, String baseUrl, List<Long> projectIds, String syncInterval) {

    /** {@code api_token} is a credential: never part of a string that could be logged. */
    @Override
    public String toString() {
        return "IntegrationRequest[name=" + name + ", baseUrl=" + baseUrl + ", projectIds=" + projectIds + ", syncInterval=" + syncInterval + "]";
    }
}
