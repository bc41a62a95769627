package io.trackerhub.simulator.world;

import java.time.Duration;

/** How much activity a project keeps: real Tracker kept about six months, so clients must cope with a feed that ends. */
public record Retention(int maxActivities, Duration maxAge) {
}
