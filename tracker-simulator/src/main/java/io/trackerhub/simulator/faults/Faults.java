package io.trackerhub.simulator.faults;

import io.trackerhub.events.rest.TrackerHttp;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The faults in force; read on every Tracker API request and web hook, replaced whole by {@code PUT /_sim/faults}. */
@ApplicationScoped
public class Faults {

    private volatile FaultSettings settings = FaultSettings.NONE;
    private volatile Set<String> revoked = Set.of();

    public FaultSettings settings() {
        return settings;
    }

    public void replace(FaultSettings next) {
        FaultSettings given = next == null ? FaultSettings.NONE : next;
        share("rate_limit_share", given.rateLimitShare());
        share("error_share", given.errorShare());
        share("drop_webhook_share", given.dropWebhookShare());
        atLeast("retry_after_s", given.retryAfterS(), 0);
        atLeast("latency_ms", given.latencyMs(), 0);
        atLeast("max_page_size", given.maxPageSize(), 1);
        atLeast("activity_history", given.activityHistory(), 0);
        if (given.searchTotals() != null) {
            SearchTotals.of(given.searchTotals());
        }
        if (given.latencyMs() != null && given.latencyMs() > 60_000) {
            throw ProblemException.invalid("latency_ms", given.latencyMs() + " is more than a minute; use at most 60000");
        }
        revoked = given.revokedTokens() == null ? Set.of() : Set.copyOf(given.revokedTokens());
        settings = given;
    }

    /** The faults as {@code /_sim} shows them: revoked tokens are counted, never echoed (they are credentials). */
    public java.util.Map<String, Object> inForce() {
        FaultSettings now = settings;
        java.util.Map<String, Object> shown = new java.util.LinkedHashMap<>();
        putIf(shown, "rate_limit_share", now.rateLimitShare());
        putIf(shown, "retry_after_s", now.rateLimitShare() == null ? null : now.retryAfterSeconds());
        putIf(shown, "error_share", now.errorShare());
        putIf(shown, "latency_ms", now.latencyMs());
        putIf(shown, "drop_webhook_share", now.dropWebhookShare());
        putIf(shown, "max_page_size", now.maxPageSize());
        putIf(shown, "activity_history", now.activityHistory());
        putIf(shown, "honor_sort_order", now.honorSortOrder());
        putIf(shown, "filter_with_others", now.filterWithOthers());
        putIf(shown, "search_totals", now.searchTotals());
        putIf(shown, "label_counts", now.labelCounts());
        if (!revoked.isEmpty()) {
            shown.put("revoked_tokens", revoked.size());
        }
        return shown;
    }

    private static void putIf(java.util.Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    public boolean isRevoked(String token) {
        return token != null && revoked.contains(token);
    }

    public boolean rateLimitNow() {
        return chance(settings.rateLimitShare());
    }

    public boolean errorNow() {
        return chance(settings.errorShare());
    }

    public boolean dropWebhookNow() {
        return chance(settings.dropWebhookShare());
    }

    public int latencyMs() {
        return settings.latencyMs() == null ? 0 : settings.latencyMs();
    }

    /** How many of a project's newest activities the feed still shows (Tracker kept only months of history); -1: all. */
    public int activityHistory() {
        return settings.activityHistory() == null ? -1 : settings.activityHistory();
    }

    /** Whether {@code sort_order=asc} gives the activity feeds oldest first; strict: no, Tracker's feeds were newest first. */
    public boolean honorSortOrder() {
        return Boolean.TRUE.equals(settings.honorSortOrder());
    }

    /** Whether a story search ({@code filter=}) may go with other parameters; strict: no, Tracker's docs forbid it. */
    public boolean filterWithOthers() {
        return Boolean.TRUE.equals(settings.filterWithOthers());
    }

    /** What a story search answers as its total; strict: none, as Tracker's searches answered {@code "total": null}. */
    public SearchTotals searchTotals() {
        return settings.searchTotals() == null ? SearchTotals.ABSENT : SearchTotals.of(settings.searchTotals());
    }

    /** Whether story changes carry the label {@code counts} changes Tracker's did; strict: yes. */
    public boolean labelCounts() {
        return !Boolean.FALSE.equals(settings.labelCounts());
    }

    public int maxPageSize() {
        return settings.maxPageSize() == null ? TrackerHttp.MAX_LIMIT : settings.maxPageSize();
    }

    private static boolean chance(Double share) {
        return share != null && share > 0 && ThreadLocalRandom.current().nextDouble() < share;
    }

    private static void share(String name, Double value) {
        if (value != null && (value < 0 || value > 1 || value.isNaN())) {
            throw ProblemException.invalid(name, value + " is not a share between 0 and 1, e.g. 0.2");
        }
    }

    private static void atLeast(String name, Integer value, int min) {
        if (value != null && value < min) {
            throw ProblemException.invalid(name, value + " must be at least " + min);
        }
    }
}
