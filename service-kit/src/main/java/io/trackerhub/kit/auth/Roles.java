package io.trackerhub.kit.auth;

/** Roles a caller can hold. */
public final class Roles {

    /** Holder of {@code HUB_ADMIN_TOKEN}: may manage integrations, connectors, channels and deliveries. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
