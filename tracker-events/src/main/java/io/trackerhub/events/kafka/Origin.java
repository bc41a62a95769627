package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;

/** Which path saw a Tracker event: its web hook or a poll of the REST API. Header {@code hub-origin}. */
public enum Origin {
    WEBHOOK("webhook"),
    POLL("poll");

    private final String wire;

    Origin(String wire) {
        this.wire = wire;
    }

    /** The header value, {@code webhook} or {@code poll}. */
    public String wire() {
        return wire;
    }

    public static Origin fromWire(String value) {
        for (Origin origin : values()) {
            if (origin.wire.equals(value)) {
                return origin;
            }
        }
        throw TrackerFormatException.at("header " + CloudEventHeaders.HUB_ORIGIN, "must be webhook or poll, got \"" + value + "\"");
    }

    @Override
    public String toString() {
        return wire;
    }
}
