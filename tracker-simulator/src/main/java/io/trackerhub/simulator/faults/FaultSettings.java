package io.trackerhub.simulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Faults in force, as {@code PUT /_sim/faults} takes them; every key optional, {@code {}} clears them all and leaves
 * the simulator strict (behaving as recorded Tracker did). Shares are probabilities per request (or per web hook)
 * between 0 and 1; the last four keys turn one strict behaviour off each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettings(
        @JsonProperty("rate_limit_share") Double rateLimitShare,
        @JsonProperty("retry_after_s") Integer retryAfterS,
        @JsonProperty("error_share") Double errorShare,
        @JsonProperty("latency_ms") Integer latencyMs,
        @JsonProperty("drop_webhook_share") Double dropWebhookShare,
        @JsonProperty("max_page_size") Integer maxPageSize,
        @JsonProperty("revoked_tokens") List<String> revokedTokens,
        @JsonProperty("activity_history") Integer activityHistory,
        @JsonProperty("honor_sort_order") Boolean honorSortOrder,
        @JsonProperty("filter_with_others") Boolean filterWithOthers,
        @JsonProperty("search_totals") String searchTotals,
        @JsonProperty("label_counts") Boolean labelCounts) {

    public static final FaultSettings NONE = new FaultSettings(null, null, null, null, null, null, null, null, null, null, null, null);

    public int retryAfterSeconds() {
        return retryAfterS == null ? 1 : retryAfterS;
    }
}
