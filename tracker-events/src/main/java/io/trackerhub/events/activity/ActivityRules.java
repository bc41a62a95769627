package io.trackerhub.events.activity;

import io.trackerhub.events.TrackerFormatException;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an activity must have to be passed on. Only what consumers rely on is required, so that
 * kinds Tracker added later still pass:
 * <ul>
 *   <li>{@code kind}, a non-blank string;</li>
 *   <li>an identity: {@code guid}, or {@code project.id} with {@code project_version}. The
 *       missing ones are derived, because {@code guid} is always {@code {project_id}_{project_version}};
 *       when several are present they must agree;</li>
 *   <li>{@code occurred_at}, in the years 0000–9999 (RFC 3339, as the {@code ce_time} header that carries it
 *       must be: consumers' CloudEvents readers cannot parse a year like -90877600);</li>
 *   <li>no null items in {@code changes}, {@code primary_resources}, {@code secondary_resources}.</li>
 * </ul>
 */
final class ActivityRules {

    private static final Pattern GUID = Pattern.compile("(\\d+)_(\\d+)");
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private ActivityRules() {
    }

    /** The activity with its identity completed, or a {@link TrackerFormatException} naming the field. */
    static Activity check(Activity activity) {
        if (activity.kind() == null) {
            throw TrackerFormatException.at("kind", "is missing");
        }
        if (activity.kind().isBlank()) {
            throw TrackerFormatException.at("kind", "must not be blank");
        }
        noNullItems("changes", activity.changes());
        noNullItems("primary_resources", activity.primaryResources());
        noNullItems("secondary_resources", activity.secondaryResources());
        Activity identified = withIdentity(activity);
        if (identified.occurredAt() == null) {
            throw TrackerFormatException.at("occurred_at", "is missing");
        }
        if (identified.occurredAt().isBefore(EARLIEST) || identified.occurredAt().isAfter(LATEST)) {
            throw TrackerFormatException.at("occurred_at", "must be in the years 0000 to 9999, got " + identified.occurredAt());
        }
        return identified;
    }

    private static Activity withIdentity(Activity activity) {
        Long projectId = activity.project() == null ? null : activity.project().id();
        Long version = activity.projectVersion();
        String guid = activity.guid();
        if (guid == null) {
            if (projectId == null || version == null) {
                throw TrackerFormatException.at("guid", "is missing (or give both project.id and project_version)");
            }
            return activity.withIdentity(projectId + "_" + version, version, activity.project());
        }
        Matcher parts = GUID.matcher(guid);
        if (!parts.matches()) {
            throw TrackerFormatException.at("guid", "\"" + guid + "\" must be {project_id}_{project_version}, e.g. 807213_81");
        }
        long guidProject = Long.parseLong(parts.group(1));
        long guidVersion = Long.parseLong(parts.group(2));
        if (projectId != null && projectId != guidProject) {
            throw TrackerFormatException.at("guid", "\"" + guid + "\" does not match project.id " + projectId);
        }
        if (version != null && version != guidVersion) {
            throw TrackerFormatException.at("guid", "\"" + guid + "\" does not match project_version " + version);
        }
        if (projectId != null && version != null) {
            return activity;
        }
        Resource project = activity.project() == null
                ? Resource.project(guidProject)
                : new Resource(activity.project().kind(), guidProject, activity.project().name(),
                        activity.project().storyType(), activity.project().url(), activity.project().others());
        return activity.withIdentity(guid, guidVersion, project);
    }

    private static void noNullItems(String field, List<?> items) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw TrackerFormatException.at(field + "[" + i + "]", "must be an object, got null");
            }
        }
    }
}
