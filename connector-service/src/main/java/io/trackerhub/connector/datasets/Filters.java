package io.trackerhub.connector.datasets;

import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.vocabulary.StoryStates;
import io.trackerhub.events.vocabulary.StoryTypes;
import io.trackerhub.kit.errors.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What rows of a dataset a caller wants, checked: {@code createdSince} is the start (00:00 UTC) of the day
 * {@code created_days_back} days before today; {@code updatedSince} is inclusive; {@code states} and
 * {@code storyTypes} are any-of lists.
 */
public record Filters(Instant createdSince, Instant updatedSince, Long projectId, List<String> states, List<String> storyTypes) {

    public static Filters none() {
        return new Filters(null, null, null, List.of(), List.of());
    }

    public static Filters parse(Dataset dataset, String createdDaysBack, String updatedSince, String projectId, String state,
                                String storyType, Clock clock) {
        Instant created = null;
        if (present(createdDaysBack)) {
            int days;
            try {
                days = Integer.parseInt(createdDaysBack.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("created_days_back", "'" + createdDaysBack + "' is not a whole number of days, e.g. 30");
            }
            if (days < 0 || days > 36_500) {
                throw ProblemException.invalid("created_days_back", "must be between 0 (today) and 36500, was " + days);
            }
            created = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        Instant updated = null;
        if (present(updatedSince)) {
            try {
                updated = Timestamps.parseIso(updatedSince);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("updated_since", "'" + updatedSince + "' is not an ISO-8601 time, e.g. 2026-11-20T10:15:30Z");
            }
        }
        Long project = present(projectId) ? id("project_id", projectId) : null;
        List<String> states = values(dataset, "state", state, StoryStates.ALL);
        List<String> types = values(dataset, "story_type", storyType, StoryTypes.ALL);
        return new Filters(created, updated, project, states, types);
    }

    static long id(String field, String value) {
        if (!value.trim().matches("[0-9]{1,18}")) {
            throw ProblemException.invalid(field, "'" + value + "' is not a Tracker id");
        }
        return Long.parseLong(value.trim());
    }

    static List<String> values(Dataset dataset, String field, String given, List<String> known) {
        if (!present(given)) {
            return List.of();
        }
        if (!dataset.takes(field)) {
            throw ProblemException.invalid(field, "is not a filter of the " + dataset.wire() + " dataset");
        }
        List<String> out = new ArrayList<>();
        for (String v : Arrays.stream(given.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList()) {
            if (!known.contains(v)) {
                throw ProblemException.invalid(field, "'" + v + "' is not one of " + String.join(", ", known));
            }
            out.add(v);
        }
        return out;
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
