package io.trackerhub.notification.channels;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.notification.messages.Publish;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/channels} and {@code PUT /api/channels/{id}}. What holds for every channel is annotated
 * here (checked before the resource method runs); what depends on the type is its {@link ChannelType}'s to check.
 */
public record ChannelRequest(
        @NotBlank(message = "is required: slack, campfire or webhook") String type,
        @NotBlank(message = "is required, e.g. \"#team-room\"") @Size(max = 200, message = "is longer than 200 characters") String name,
        @JsonProperty("project_ids")
        @Size(min = 1, message = "is empty; name at least one project, or leave it out for every project") List<Long> projectIds,
        JsonNode config,
        List<String> publish,
        List<String> kinds,
        @JsonProperty("rate_per_second")
        @DecimalMin(value = "0", inclusive = false, message = RATE) @DecimalMax(value = "10000", message = RATE) Double ratePerSecond) {

    static final String RATE = "must be more than 0 and at most 10000, was ${validatedValue}";

    /** Checks what the annotations cannot and names the first field that is wrong; {@code creating} requires {@code config.url}. */
    ChannelSpec validate(boolean creating) {
        ChannelType channelType = ChannelType.parse(type);
        checkProjects();
        Set<Publish> filters = filters();
        channelType.checkFilters(filters, kinds);
        ChannelType.Config checked = channelType.config(config, creating);
        return new ChannelSpec(channelType, name.trim(), projectIds == null ? null : List.copyOf(projectIds), filters,
                kinds == null ? null : new ArrayList<>(kinds), checked.url(), checked.version(), ratePerSecond);
    }

    /** Element by element: a constraint on the list's elements would name them {@code project_ids[0].<list element>}. */
    private void checkProjects() {
        for (int i = 0; projectIds != null && i < projectIds.size(); i++) {
            if (projectIds.get(i) == null || projectIds.get(i) <= 0) {
                throw ProblemException.invalid("project_ids[" + i + "]", "must be a positive Tracker project id, got " + projectIds.get(i));
            }
        }
    }

    private Set<Publish> filters() {
        Set<Publish> filters = EnumSet.noneOf(Publish.class);
        for (int i = 0; publish != null && i < publish.size(); i++) {
            String wanted = publish.get(i);
            int index = i;
            filters.add(Publish.of(wanted).orElseThrow(() ->
                    ProblemException.invalid("publish[" + index + "]", "'" + wanted + "' is not one of " + Publish.NAMES)));
        }
        return filters;
    }
}
