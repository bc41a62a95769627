package io.trackerhub.simulator.world;

import java.time.Instant;

/** A registered activity web hook of a project: where to POST and in which format ({@code v5} JSON or {@code v3} XML). */
public record Webhook(long id, long projectId, String url, String version, Instant createdAt) {

    public static final String V5 = "v5";
    public static final String V3 = "v3";
}
