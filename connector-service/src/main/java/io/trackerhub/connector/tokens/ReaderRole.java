package io.trackerhub.connector.tokens;

/** The role of an API token that may call only the read APIs (datasets, roadmaps, flow items). */
public final class ReaderRole {

    public static final String READER = "reader";

    private ReaderRole() {
    }
}
